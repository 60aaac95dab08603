// SHL/SAL SHR SAR ROL ROR RCL RCR, SHLD SHRD (SDM Vol. 2, SAL/SAR/SHL/SHR,
// RCL/RCR/ROL/ROR, SHLD, SHRD). The count is masked to 5 bits (6 for 64-bit
// operands); a masked count of 0 changes nothing, flags included.
#include <bit>

#include "emulator/bind.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

template <int W>
constexpr unsigned kCountMask = W == 64 ? 63 : 31;

template <int W>
bool Msb(U<W> v) { return v & kSignBit<U<W>>; }

// Shifts set SF ZF PF from the result, CF from the last bit out, and OF
// (defined for count 1 only; the same formula is used for larger counts).
// AF is undefined and left clear.
template <int W>
void ShiftFlags(U<W> r, bool cf, bool of, uint64_t& f) {
  SetFlags(f, kStatusFlags, ResultFlags(r) | FlagIf(cf, kFlagCF) | FlagIf(of, kFlagOF));
}

struct ShlOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    const U<W> r = static_cast<U<W>>(n < W ? a << n : 0);
    const bool cf = n <= W && ((a >> (W - n)) & 1);
    ShiftFlags<W>(r, cf, Msb<W>(r) != cf, f);
    return r;
  }
};
struct ShrOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    const U<W> r = static_cast<U<W>>(n < W ? a >> n : 0);
    const bool cf = n <= W && ((a >> (n - 1)) & 1);
    ShiftFlags<W>(r, cf, Msb<W>(a), f);
    return r;
  }
};
struct SarOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    const S<W> s = static_cast<S<W>>(a);
    const U<W> r = static_cast<U<W>>(s >> std::min<unsigned>(n, W - 1));
    const bool cf = (s >> std::min<unsigned>(n - 1, W - 1)) & 1;
    ShiftFlags<W>(r, cf, false, f);
    return r;
  }
};

// Rotates touch only CF and OF.
inline void RotateFlags(bool cf, bool of, uint64_t& f) {
  SetFlags(f, kFlagCF | kFlagOF, FlagIf(cf, kFlagCF) | FlagIf(of, kFlagOF));
}

struct RolOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    const U<W> r = std::rotl(a, static_cast<int>(n % W));
    const bool cf = r & 1;
    RotateFlags(cf, Msb<W>(r) != cf, f);
    return r;
  }
};
struct RorOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    const U<W> r = std::rotr(a, static_cast<int>(n % W));
    RotateFlags(Msb<W>(r), Msb<W>(r) != static_cast<bool>((r >> (W - 2)) & 1), f);
    return r;
  }
};

// RCL/RCR rotate the W+1 bits CF:dst, so 8- and 16-bit counts go mod 9 / 17.
template <int W>
unsigned RotateThroughCarryCount(unsigned n) {
  if constexpr (W == 8) return n % 9;
  else if constexpr (W == 16) return n % 17;
  else return n;
}

struct RclOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    bool cf = f & kFlagCF;
    for (unsigned i = RotateThroughCarryCount<W>(n); i > 0; --i) {
      const bool out = Msb<W>(a);
      a = static_cast<U<W>>((a << 1) | cf);
      cf = out;
    }
    RotateFlags(cf, Msb<W>(a) != cf, f);
    return a;
  }
};
struct RcrOp {
  template <int W> static U<W> Apply(U<W> a, unsigned n, uint64_t& f) {
    bool cf = f & kFlagCF;
    const bool of = Msb<W>(a) != cf;  // from the operand before rotating
    for (unsigned i = RotateThroughCarryCount<W>(n); i > 0; --i) {
      const bool out = a & 1;
      a = static_cast<U<W>>((a >> 1) | (static_cast<U<W>>(cf) << (W - 1)));
      cf = out;
    }
    RotateFlags(cf, of, f);
    return a;
  }
};

template <typename Op>
struct Shift {
  template <int W, Loc D, Loc C>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    const U<W> a = ReadOp<W, D>(c, d, 0, addr);
    const unsigned n = ReadOp<8, C>(c, d, 1, 0) & kCountMask<W>;
    if (n == 0) {
      // Nothing changes, but a 32-bit register destination is still written.
      if constexpr (W == 32 && D == Loc::kReg) SetReg<W>(c.cpu, d.reg[0], a);
      return;
    }
    uint64_t flags = Rflags(c);
    const U<W> r = Op::template Apply<W>(a, n, flags);
    WriteOp<W, D>(c, d, 0, addr, r);
    Rflags(c) = flags;
  }
};

// SHLD/SHRD shift dst, filling from src (operand 1); the count is operand 2.
// For 16-bit operands a count above 16 is undefined; like Intel parts, goemu
// shifts the 48-bit string dst:src:dst.
template <bool kLeft>
struct DoubleShift {
  template <int W, Loc D, Loc C>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const uint64_t addr = AddressIfMem<D>(c, d);
    const U<W> a = ReadOp<W, D>(c, d, 0, addr);
    const U<W> b = GetReg<W>(c.cpu, d.reg[1]);
    const unsigned n = ReadOp<8, C>(c, d, 2, 0) & kCountMask<W>;
    if (n == 0) {
      if constexpr (W == 32 && D == Loc::kReg) SetReg<W>(c.cpu, d.reg[0], a);
      return;
    }
    U<W> r;
    bool cf;
    if constexpr (W == 16) {
      const uint64_t wide = (uint64_t{a} << 32) | (uint64_t{b} << 16) | a;
      r = static_cast<U<W>>(kLeft ? wide >> (32 - n) : wide >> n);
      cf = kLeft ? (wide >> (48 - n)) & 1 : (wide >> (n - 1)) & 1;
    } else {
      r = kLeft ? static_cast<U<W>>((a << n) | (b >> (W - n)))
                : static_cast<U<W>>((a >> n) | (b << (W - n)));
      cf = kLeft ? (a >> (W - n)) & 1 : (a >> (n - 1)) & 1;
    }
    WriteOp<W, D>(c, d, 0, addr, r);
    uint64_t flags = Rflags(c);
    ShiftFlags<W>(r, cf, Msb<W>(r) != Msb<W>(a), flags);
    Rflags(c) = flags;
  }
};

template <typename F>
Bound PickShift(const InsnView& v, int count_pos) {
  if (v.count != count_pos + 1) return nullptr;
  return PickWidthForm<F, false>(v.width, v.loc[0], v.loc[count_pos]);
}

}  // namespace

Bound BindShift(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_SHL: return PickShift<Shift<ShlOp>>(v, 1);
    case ZYDIS_MNEMONIC_SHR: return PickShift<Shift<ShrOp>>(v, 1);
    case ZYDIS_MNEMONIC_SAR: return PickShift<Shift<SarOp>>(v, 1);
    case ZYDIS_MNEMONIC_ROL: return PickShift<Shift<RolOp>>(v, 1);
    case ZYDIS_MNEMONIC_ROR: return PickShift<Shift<RorOp>>(v, 1);
    case ZYDIS_MNEMONIC_RCL: return PickShift<Shift<RclOp>>(v, 1);
    case ZYDIS_MNEMONIC_RCR: return PickShift<Shift<RcrOp>>(v, 1);
    case ZYDIS_MNEMONIC_SHLD:
      return v.width >= 16 && v.loc[1] == Loc::kReg ? PickShift<DoubleShift<true>>(v, 2) : nullptr;
    case ZYDIS_MNEMONIC_SHRD:
      return v.width >= 16 && v.loc[1] == Loc::kReg ? PickShift<DoubleShift<false>>(v, 2) : nullptr;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
