// MUL IMUL (one, two and three operands) DIV IDIV (SDM Vol. 2).
// One-operand forms use the accumulator pair: AX for 8-bit, else rDX:rAX.
#include "emulator/bind.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

// Twice-as-wide arithmetic for each width.
template <int W> struct Wide;
template <> struct Wide<8> { using u = uint16_t; using s = int16_t; };
template <> struct Wide<16> { using u = uint32_t; using s = int32_t; };
template <> struct Wide<32> { using u = uint64_t; using s = int64_t; };
template <> struct Wide<64> { using u = unsigned __int128; using s = __int128; };

// CF = OF = "the high half carries information". SF ZF PF are undefined:
// goemu derives them from the low half; AF is cleared.
template <int W>
void MulFlags(U<W> low, bool overflow, uint64_t& f) {
  SetFlags(f, kStatusFlags,
           ResultFlags(low) | FlagIf(overflow, kFlagCF) | FlagIf(overflow, kFlagOF));
}

// Reads/writes the accumulator pair (AX, DX:AX, EDX:EAX, RDX:RAX).
template <int W>
typename Wide<W>::u ReadPair(const CpuState& cpu) {
  if constexpr (W == 8) return GetReg<16>(cpu, GprOffset(kRax));
  else return (typename Wide<W>::u{GetReg<W>(cpu, GprOffset(kRdx))} << W) | GetReg<W>(cpu, GprOffset(kRax));
}
template <int W>
void WritePair(CpuState& cpu, U<W> low, U<W> high) {
  if constexpr (W == 8) {
    SetReg<16>(cpu, GprOffset(kRax), static_cast<uint16_t>((high << 8) | low));
  } else {
    SetReg<W>(cpu, GprOffset(kRax), low);
    SetReg<W>(cpu, GprOffset(kRdx), high);
  }
}

template <bool kSigned>
struct MulOne {
  template <int W, Loc L>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> src = ReadOp<W, L>(c, d, 0, AddressIfMem<L>(c, d));
    const U<W> acc = GetReg<W>(c.cpu, GprOffset(kRax));
    using WU = typename Wide<W>::u;
    using WS = typename Wide<W>::s;
    WU product;
    bool overflow;
    if constexpr (kSigned) {
      const WS p = WS{static_cast<S<W>>(acc)} * WS{static_cast<S<W>>(src)};
      product = static_cast<WU>(p);
      overflow = p != WS{static_cast<S<W>>(static_cast<U<W>>(product))};
    } else {
      product = WU{acc} * WU{src};
      overflow = (product >> W) != 0;
    }
    const U<W> low = static_cast<U<W>>(product);
    WritePair<W>(c.cpu, low, static_cast<U<W>>(product >> W));
    MulFlags<W>(low, overflow, Rflags(c));
  }
};

// IMUL r, r/m (operand 0 times operand 1) and IMUL r, r/m, imm.
template <bool kThreeOperand>
struct ImulMulti {
  template <int W, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    using WS = typename Wide<W>::s;
    const U<W> a = ReadOp<W, Src>(c, d, 1, AddressIfMem<Src>(c, d));
    const U<W> b = kThreeOperand ? static_cast<U<W>>(d.imm) : GetReg<W>(c.cpu, d.reg[0]);
    const WS p = WS{static_cast<S<W>>(a)} * WS{static_cast<S<W>>(b)};
    const U<W> low = static_cast<U<W>>(p);
    SetReg<W>(c.cpu, d.reg[0], low);
    MulFlags<W>(low, p != WS{static_cast<S<W>>(low)}, Rflags(c));
  }
};

// DIV/IDIV: #DE on a zero divisor or a quotient that does not fit; all flags
// are undefined and left as they were.
template <bool kSigned>
struct Div {
  template <int W, Loc L>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> divisor = ReadOp<W, L>(c, d, 0, AddressIfMem<L>(c, d));
    if (divisor == 0) throw InsnFault{FaultKind::kDivideError};
    using WU = typename Wide<W>::u;
    using WS = typename Wide<W>::s;
    const WU dividend = ReadPair<W>(c.cpu);
    U<W> quotient;
    U<W> remainder;
    if constexpr (kSigned) {
      const WS n = static_cast<WS>(dividend);
      const WS m = static_cast<S<W>>(divisor);
      // n / -1 overflows the wide type itself when n is its minimum.
      if (m == -1 && n == static_cast<WS>(WU{1} << (2 * W - 1))) throw InsnFault{FaultKind::kDivideError};
      const WS q = n / m;
      if (q != WS{static_cast<S<W>>(static_cast<U<W>>(q))}) throw InsnFault{FaultKind::kDivideError};
      quotient = static_cast<U<W>>(q);
      remainder = static_cast<U<W>>(n % m);
    } else {
      const WU q = dividend / divisor;
      if ((q >> W) != 0) throw InsnFault{FaultKind::kDivideError};
      quotient = static_cast<U<W>>(q);
      remainder = static_cast<U<W>>(dividend % divisor);
    }
    WritePair<W>(c.cpu, quotient, remainder);
  }
};

template <typename F>
Bound PickSrcForm(const InsnView& v) {
  // Register destination (operand 0), r/m source (operand 1), no 8-bit form.
  if (v.loc[0] != Loc::kReg || v.width < 16) return nullptr;
  return PickRm<F>(v.width, v.loc[1]);
}

}  // namespace

Bound BindMulDiv(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_MUL: return PickUnary<MulOne<false>>(v);
    case ZYDIS_MNEMONIC_DIV: return PickUnary<Div<false>>(v);
    case ZYDIS_MNEMONIC_IDIV: return PickUnary<Div<true>>(v);
    case ZYDIS_MNEMONIC_IMUL:
      switch (v.count) {
        case 1: return PickUnary<MulOne<true>>(v);
        case 2: return PickSrcForm<ImulMulti<false>>(v);
        case 3: return v.loc[2] == Loc::kImm ? PickSrcForm<ImulMulti<true>>(v) : nullptr;
        default: return nullptr;
      }
    default: return nullptr;
  }
}

}  // namespace goemu::emu
