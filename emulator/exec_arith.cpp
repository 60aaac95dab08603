// ADD ADC SUB SBB CMP, INC DEC NEG, XADD, CMPXCHG (SDM Vol. 2).
#include "emulator/bind.h"
#include "emulator/decoder.h"
#include "emulator/exec_jcc.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

// ADD, SUB and CMP leave their flags lazy (kLazy); ADC and SBB read CF and
// compute theirs at once.
struct AddOp {
  static constexpr bool kWrites = true;
  static constexpr LazyOp kLazy = LazyOp::kAdd;
  template <typename T> static T Result(T a, T b) { return static_cast<T>(a + b); }
};
struct AdcOp {
  static constexpr bool kWrites = true;
  static constexpr LazyOp kLazy = LazyOp::kNone;
  template <typename T> static T Apply(T a, T b, uint64_t& f) {
    return AddFlags<T>(a, b, f & kFlagCF, f);
  }
};
struct SubOp {
  static constexpr bool kWrites = true;
  static constexpr LazyOp kLazy = LazyOp::kSub;
  template <typename T> static T Result(T a, T b) { return static_cast<T>(a - b); }
};
struct SbbOp {
  static constexpr bool kWrites = true;
  static constexpr LazyOp kLazy = LazyOp::kNone;
  template <typename T> static T Apply(T a, T b, uint64_t& f) {
    return SubFlags<T>(a, b, f & kFlagCF, f);
  }
};
struct CmpOp {
  static constexpr bool kWrites = false;
  static constexpr LazyOp kLazy = LazyOp::kSub;
  template <typename T> static T Result(T a, T b) { return static_cast<T>(a - b); }
};

// dst = dst OP src; the store (if any) happens before flags change.
// Two-way (kFast): see Load/Stored in operands.h and threaded.h. Inline in each handler that
// runs it, the compare-and-branch ones (exec_jcc.h) too, which GCC would otherwise make calls.
template <typename Op>
struct Binary {
  template <int W, Loc D, Loc Src, bool kFast>
  [[gnu::always_inline]] static bool Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D, Src>(c, d);
    U<W> a, b;
    if (!ReadOpOr<W, D, kFast>(c, d, 0, addr, a) || !ReadOpOr<W, Src, kFast>(c, d, 1, addr, b)) [[unlikely]] {
      return false;
    }
    if constexpr (Op::kLazy != LazyOp::kNone) {
      const U<W> r = Op::template Result<U<W>>(a, b);
      if constexpr (Op::kWrites) {
        if (!WriteOpOr<W, D, kFast>(c, d, 0, addr, r)) [[unlikely]] return false;
      }
      SetLazyFlags<U<W>>(c, Op::kLazy, a, b, r);
    } else {
      uint64_t flags = Rflags(c);
      const U<W> r = Op::template Apply<U<W>>(a, b, flags);
      if constexpr (Op::kWrites) {
        if (!WriteOpOr<W, D, kFast>(c, d, 0, addr, r)) [[unlikely]] return false;
      }
      c.cpu.rflags = flags;
    }
    return true;
  }
};

// INC/DEC are ADD/SUB by one that leave CF alone (their lazy flags keep it);
// NEG is 0 - x.
struct IncDecNeg {
  enum Kind { kInc, kDec, kNeg };
  template <Kind K>
  struct Of {
    template <int W, Loc D>
    static void Run(ExecContext& c, const DecodedInsn& d) {
      const uint64_t addr = AddressIfMem<D>(c, d);
      const U<W> a = ReadOp<W, D>(c, d, 0, addr);
      if constexpr (K == kNeg) {
        const U<W> r = static_cast<U<W>>(0 - a);
        WriteOp<W, D>(c, d, 0, addr, r);
        SetLazyFlags<U<W>>(c, LazyOp::kSub, 0, a, r);
      } else {
        const bool cf = Carry(c);
        const U<W> r = static_cast<U<W>>(K == kInc ? a + 1 : a - 1);
        WriteOp<W, D>(c, d, 0, addr, r);
        SetLazyFlags<U<W>>(c, K == kInc ? LazyOp::kInc : LazyOp::kDec, a, 1, r);
        c.flags.carry = cf;
      }
    }
  };
};

// XADD: dst = dst + src, src = old dst (the register write comes last, so
// "xadd rax, rax" leaves the sum, as the SDM's TEMP sequence does).
struct Xadd {
  template <int W, Loc D>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    const U<W> a = ReadOp<W, D>(c, d, 0, addr);
    const U<W> b = GetReg<W>(c.cpu, d.reg[1]);
    const U<W> sum = static_cast<U<W>>(a + b);
    if constexpr (D == Loc::kMem) Store<U<W>>(c, addr, sum);
    SetReg<W>(c.cpu, d.reg[1], a);
    if constexpr (D == Loc::kReg) SetReg<W>(c.cpu, d.reg[0], sum);
    SetLazyFlags<U<W>>(c, LazyOp::kAdd, a, b, sum);
  }
};

// CMPXCHG: compare the accumulator with dst; equal -> dst = src, else
// accumulator = dst. A memory destination is always written (with its old
// value on failure), as the locked bus cycle does.
struct Cmpxchg {
  template <int W, Loc D>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    const U<W> old = ReadOp<W, D>(c, d, 0, addr);
    const U<W> acc = GetReg<W>(c.cpu, GprOffset(kRax));
    const bool equal = acc == old;
    const U<W> src = GetReg<W>(c.cpu, d.reg[1]);
    if constexpr (D == Loc::kMem) {
      Store<U<W>>(c, addr, equal ? src : old);
      if (!equal) SetReg<W>(c.cpu, GprOffset(kRax), old);
    } else {
      if (equal) SetReg<W>(c.cpu, d.reg[0], src);
      else SetReg<W>(c.cpu, GprOffset(kRax), old);
    }
    SetLazyFlags<U<W>>(c, LazyOp::kSub, acc, old, static_cast<U<W>>(acc - old));
  }
};

}  // namespace

const Bound kCmpRegMem64 = BindRun<Binary<CmpOp>, 64, Loc::kReg, Loc::kMem>();
const Bound kAddRegImm64 = BindRun<Binary<AddOp>, 64, Loc::kReg, Loc::kImm>();
const Bound kSubRegImm64 = BindRun<Binary<SubOp>, 64, Loc::kReg, Loc::kImm>();
const Handler kQuietAddRegImm64 = &QuietThreadedOf<&Binary<AddOp>::Run<64, Loc::kReg, Loc::kImm, true>>;
const Handler kQuietSubRegImm64 = &QuietThreadedOf<&Binary<SubOp>::Run<64, Loc::kReg, Loc::kImm, true>>;

Bound BindArith(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_ADD: return PickBinary<Binary<AddOp>>(v);
    case ZYDIS_MNEMONIC_ADC: return PickBinary<Binary<AdcOp>>(v);
    case ZYDIS_MNEMONIC_SUB: return PickBinary<Binary<SubOp>>(v);
    case ZYDIS_MNEMONIC_SBB: return PickBinary<Binary<SbbOp>>(v);
    case ZYDIS_MNEMONIC_CMP: return PickBinary<Binary<CmpOp>>(v);
    case ZYDIS_MNEMONIC_INC: return PickUnary<IncDecNeg::Of<IncDecNeg::kInc>>(v);
    case ZYDIS_MNEMONIC_DEC: return PickUnary<IncDecNeg::Of<IncDecNeg::kDec>>(v);
    case ZYDIS_MNEMONIC_NEG: return PickUnary<IncDecNeg::Of<IncDecNeg::kNeg>>(v);
    case ZYDIS_MNEMONIC_XADD:
      return v.count == 2 && v.loc[1] == Loc::kReg ? PickRm<Xadd>(v.width, v.loc[0]) : nullptr;
    case ZYDIS_MNEMONIC_CMPXCHG:
      return v.count == 2 && v.loc[1] == Loc::kReg ? PickRm<Cmpxchg>(v.width, v.loc[0]) : nullptr;
    default: return nullptr;
  }
}

Handler CmpThenBranch(Handler cmp, unsigned cond) {
  using C = Binary<CmpOp>;
  return FirstFormOf<ThenBranchForm<C, 64, Loc::kReg, Loc::kReg>, ThenBranchForm<C, 64, Loc::kReg, Loc::kImm>,
                     ThenBranchForm<C, 64, Loc::kReg, Loc::kMem>, ThenBranchForm<C, 64, Loc::kMem, Loc::kReg>,
                     ThenBranchForm<C, 64, Loc::kMem, Loc::kImm>, ThenBranchForm<C, 32, Loc::kReg, Loc::kReg>,
                     ThenBranchForm<C, 32, Loc::kReg, Loc::kImm>, ThenBranchForm<C, 32, Loc::kReg, Loc::kMem>,
                     ThenBranchForm<C, 32, Loc::kMem, Loc::kReg>, ThenBranchForm<C, 32, Loc::kMem, Loc::kImm>,
                     ThenBranchForm<C, 8, Loc::kReg, Loc::kImm>, ThenBranchForm<C, 8, Loc::kMem, Loc::kImm>>(cmp, cond);
}

Handler QuietFormOf(Handler step) {
  if (step == kAddRegImm64.step) return kQuietAddRegImm64;
  if (step == kSubRegImm64.step) return kQuietSubRegImm64;
  return nullptr;
}

}  // namespace goemu::emu
