// ADD ADC SUB SBB CMP, INC DEC NEG, XADD, CMPXCHG (SDM Vol. 2).
#include "emulator/bind.h"
#include "emulator/flags.h"

namespace goemu::emu {

namespace {

struct AddOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b, uint64_t& f) { return AddFlags<T>(a, b, false, f); }
};
struct AdcOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b, uint64_t& f) {
    return AddFlags<T>(a, b, f & kFlagCF, f);
  }
};
struct SubOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b, uint64_t& f) { return SubFlags<T>(a, b, false, f); }
};
struct SbbOp {
  static constexpr bool kWrites = true;
  template <typename T> static T Apply(T a, T b, uint64_t& f) {
    return SubFlags<T>(a, b, f & kFlagCF, f);
  }
};
struct CmpOp {
  static constexpr bool kWrites = false;
  template <typename T> static T Apply(T a, T b, uint64_t& f) { return SubFlags<T>(a, b, false, f); }
};

// dst = dst OP src; the store (if any) happens before flags change.
template <typename Op>
struct Binary {
  template <int W, Loc D, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D, Src>(c, d);
    const U<W> a = ReadOp<W, D>(c, d, 0, addr);
    const U<W> b = ReadOp<W, Src>(c, d, 1, addr);
    uint64_t flags = c.cpu.rflags;
    const U<W> r = Op::template Apply<U<W>>(a, b, flags);
    if constexpr (Op::kWrites) WriteOp<W, D>(c, d, 0, addr, r);
    c.cpu.rflags = flags;
  }
};

// INC/DEC are ADD/SUB by one that leave CF alone; NEG is 0 - x.
struct IncDecNeg {
  enum Kind { kInc, kDec, kNeg };
  template <Kind K>
  struct Of {
    template <int W, Loc D>
    static void Run(ExecContext& c, const DecodedInsn& d) {
      const uint64_t addr = AddressIfMem<D>(c, d);
      const U<W> a = ReadOp<W, D>(c, d, 0, addr);
      uint64_t flags = c.cpu.rflags;
      U<W> r;
      if constexpr (K == kNeg) {
        r = SubFlags<U<W>>(0, a, false, flags);
      } else {
        const uint64_t cf = flags & kFlagCF;
        r = K == kInc ? AddFlags<U<W>>(a, 1, false, flags) : SubFlags<U<W>>(a, 1, false, flags);
        flags = (flags & ~kFlagCF) | cf;
      }
      WriteOp<W, D>(c, d, 0, addr, r);
      c.cpu.rflags = flags;
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
    uint64_t flags = c.cpu.rflags;
    const U<W> sum = AddFlags<U<W>>(a, b, false, flags);
    if constexpr (D == Loc::kMem) Store<U<W>>(c, addr, sum);
    SetReg<W>(c.cpu, d.reg[1], a);
    if constexpr (D == Loc::kReg) SetReg<W>(c.cpu, d.reg[0], sum);
    c.cpu.rflags = flags;
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
    uint64_t flags = c.cpu.rflags;
    SubFlags<U<W>>(acc, old, false, flags);
    const bool equal = acc == old;
    const U<W> src = GetReg<W>(c.cpu, d.reg[1]);
    if constexpr (D == Loc::kMem) {
      Store<U<W>>(c, addr, equal ? src : old);
      if (!equal) SetReg<W>(c.cpu, GprOffset(kRax), old);
    } else {
      if (equal) SetReg<W>(c.cpu, d.reg[0], src);
      else SetReg<W>(c.cpu, GprOffset(kRax), old);
    }
    c.cpu.rflags = flags;
  }
};

}  // namespace

Handler BindArith(const InsnView& v, DecodedInsn&) {
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

}  // namespace goemu::emu
