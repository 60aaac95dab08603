// MOV MOVZX MOVSX MOVSXD LEA XCHG CMOVcc SETcc, CBW/CWDE/CDQE, CWD/CDQ/CQO.
// None of them changes flags.
#include "emulator/bind.h"
#include "emulator/decoder.h"
#include "emulator/lazy_flags.h"
#include "emulator/replicas.h"

namespace goemu::emu {

namespace {

// Two-way (kFast): see Load/Stored in operands.h and threaded.h. Inline in each of its
// handler's copies (replicas.h), which GCC would otherwise make calls to one body.
struct Mov {
  template <int W, Loc D, Loc Src, bool kFast>
  [[gnu::always_inline]] static bool Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D, Src>(c, d);
    U<W> v;
    return ReadOpOr<W, Src, kFast>(c, d, 1, addr, v) && WriteOpOr<W, D, kFast>(c, d, 0, addr, v);
  }
};

// MOVZX/MOVSX/MOVSXD: register destination of W bits from an SW-bit r/m.
template <bool kSigned, int SW>
struct Extend {
  template <int W, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<SW> v = ReadOp<SW, Src>(c, d, 1, AddressIfMem<Src>(c, d));
    if constexpr (kSigned) {
      SetReg<W>(c.cpu, d.reg[0], static_cast<U<W>>(static_cast<S<W>>(static_cast<S<SW>>(v))));
    } else {
      SetReg<W>(c.cpu, d.reg[0], static_cast<U<W>>(v));
    }
  }
};

// LEA: the offset only, no segment base, truncated to the operand size.
struct Lea {
  template <int W>
  [[gnu::always_inline]] static void Run(ExecContext& c, const DecodedInsn& d) {
    SetReg<W>(c.cpu, d.reg[0], static_cast<U<W>>(EffectiveAddress(c.cpu, d)));
  }
};

// XCHG r/m, r. The memory form is implicitly locked; the store goes first.
struct Xchg {
  template <int W, Loc D>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    const U<W> a = ReadOp<W, D>(c, d, 0, addr);
    const U<W> b = GetReg<W>(c.cpu, d.reg[1]);
    WriteOp<W, D>(c, d, 0, addr, b);
    SetReg<W>(c.cpu, d.reg[1], a);
  }
};

// CMOVcc reads its source even when the condition is false, and a 32-bit
// destination is zero-extended either way (SDM Vol. 2, CMOVcc).
struct Cmov {
  template <int W, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> v = ReadOp<W, Src>(c, d, 1, AddressIfMem<Src>(c, d));
    if (EvalCondition(Rflags(c), d.aux)) {
      SetReg<W>(c.cpu, d.reg[0], v);
    } else if constexpr (W == 32) {
      SetReg<W>(c.cpu, d.reg[0], GetReg<W>(c.cpu, d.reg[0]));
    }
  }
};

struct Setcc {
  template <int W, Loc D>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    WriteOp<W, D>(c, d, 0, addr, EvalCondition(Rflags(c), d.aux) ? 1 : 0);
  }
};

// CBW/CWDE/CDQE: the accumulator (W bits) = sign-extended lower half.
template <int W>
void SignExtendAccumulator(ExecContext& c, const DecodedInsn&) {
  const U<W / 2> half = GetReg<W / 2>(c.cpu, GprOffset(kRax));
  SetReg<W>(c.cpu, GprOffset(kRax), static_cast<U<W>>(static_cast<S<W>>(static_cast<S<W / 2>>(half))));
}

// CWD/CDQ/CQO: the data register (W bits) = copies of the accumulator's sign.
template <int W>
void SignToData(ExecContext& c, const DecodedInsn&) {
  const U<W> acc = GetReg<W>(c.cpu, GprOffset(kRax));
  SetReg<W>(c.cpu, GprOffset(kRdx), (acc & kSignBit<U<W>>) ? static_cast<U<W>>(~U<W>{0}) : U<W>{0});
}

Bound PickExtend(const InsnView& v, bool is_signed) {
  if (v.count != 2 || v.loc[0] != Loc::kReg || v.width < 16) return nullptr;
  switch (v.bits[1]) {
    case 8: return is_signed ? PickRm<Extend<true, 8>>(v.width, v.loc[1])
                             : PickRm<Extend<false, 8>>(v.width, v.loc[1]);
    case 16: return is_signed ? PickRm<Extend<true, 16>>(v.width, v.loc[1])
                              : PickRm<Extend<false, 16>>(v.width, v.loc[1]);
    case 32: return is_signed ? PickRm<Extend<true, 32>>(v.width, v.loc[1]) : nullptr;
    default: return nullptr;
  }
}

}  // namespace

const Bound kLoad64 = BindRun<Mov, 64, Loc::kReg, Loc::kMem>();
const Bound kStore64 = BindRun<Mov, 64, Loc::kMem, Loc::kReg>();
const Bound kLea64 = BindRun<Lea, 64>();

// The moves that the runtime's code runs most, between a register and the stack or a
// struct field (replicas.h).
Handler MoveReplica(Handler exec, unsigned copy) {
  using R = Loc;
  return FirstFormOf<ReplicaForm<Mov, 64, R::kReg, R::kMem>, ReplicaForm<Mov, 64, R::kMem, R::kReg>,
                     ReplicaForm<Mov, 64, R::kReg, R::kReg>, ReplicaForm<Mov, 64, R::kMem, R::kImm>,
                     ReplicaForm<Mov, 32, R::kReg, R::kMem>, ReplicaForm<Mov, 32, R::kMem, R::kReg>,
                     ReplicaForm<Mov, 32, R::kReg, R::kReg>, ReplicaForm<Mov, 32, R::kMem, R::kImm>,
                     ReplicaForm<Mov, 8, R::kMem, R::kImm>, ReplicaForm<Lea, 64>>(exec, copy);
}

Bound BindMove(const InsnView& v, DecodedInsn& d) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_MOV: return PickBinary<Mov>(v);
    case ZYDIS_MNEMONIC_MOVZX: return PickExtend(v, false);
    case ZYDIS_MNEMONIC_MOVSX:
    case ZYDIS_MNEMONIC_MOVSXD: return PickExtend(v, true);
    case ZYDIS_MNEMONIC_LEA:
      if (!v.Is(Loc::kReg, Loc::kMem)) return nullptr;
      switch (v.width) {
        case 16: return BindRun<Lea, 16>();
        case 32: return BindRun<Lea, 32>();
        case 64: return kLea64;
        default: return nullptr;
      }
    case ZYDIS_MNEMONIC_XCHG:
      return v.count == 2 && v.loc[1] == Loc::kReg ? PickRm<Xchg>(v.width, v.loc[0]) : nullptr;
    case ZYDIS_MNEMONIC_CBW: return &SignExtendAccumulator<16>;
    case ZYDIS_MNEMONIC_CWDE: return &SignExtendAccumulator<32>;
    case ZYDIS_MNEMONIC_CDQE: return &SignExtendAccumulator<64>;
    case ZYDIS_MNEMONIC_CWD: return &SignToData<16>;
    case ZYDIS_MNEMONIC_CDQ: return &SignToData<32>;
    case ZYDIS_MNEMONIC_CQO: return &SignToData<64>;
    default: break;
  }
  const ZydisInstructionCategory category = v.z->meta.category;
  if (category == ZYDIS_CATEGORY_CMOV && v.count == 2 && v.loc[0] == Loc::kReg) {
    d.aux = v.condition();
    return PickRm<Cmov>(v.width, v.loc[1]);
  }
  if (category == ZYDIS_CATEGORY_SETCC && v.count == 1) {
    d.aux = v.condition();
    return PickRm<Setcc>(8, v.loc[0]);
  }
  return nullptr;
}

}  // namespace goemu::emu
