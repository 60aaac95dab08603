// BT BTS BTR BTC, BSF BSR, POPCNT, BSWAP (SDM Vol. 2).
#include <bit>

#include "emulator/bind.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

enum class BitAction { kTest, kSet, kReset, kComplement };

// CF = the selected bit; OF SF AF PF are undefined and ZF is unchanged, so
// goemu leaves all of them as they were. With a register bit offset and a
// memory operand the offset is signed and may reach outside the operand
// (bit-string addressing, SDM Vol. 2, BT); an immediate offset wraps modulo W.
template <BitAction kAction>
struct BitTest {
  template <int W, Loc D, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> offset = ReadOp<W, Src>(c, d, 1, 0);
    uint64_t addr = AddressIfMem<D>(c, d);
    if constexpr (D == Loc::kMem && Src == Loc::kReg) {
      addr += static_cast<uint64_t>(static_cast<int64_t>(static_cast<S<W>>(offset)) >> std::countr_zero(unsigned{W})) * (W / 8);
    }
    const U<W> value = ReadOp<W, D>(c, d, 0, addr);
    const U<W> mask = static_cast<U<W>>(U<W>{1} << (offset & (W - 1)));
    if constexpr (kAction != BitAction::kTest) {
      U<W> r;
      if constexpr (kAction == BitAction::kSet) r = value | mask;
      else if constexpr (kAction == BitAction::kReset) r = value & static_cast<U<W>>(~mask);
      else r = value ^ mask;
      WriteOp<W, D>(c, d, 0, addr, r);
    }
    SetFlags(Rflags(c), kFlagCF, FlagIf(value & mask, kFlagCF));
  }
};

// BSF/BSR: ZF = (source == 0). A zero source leaves the destination
// untouched, all 64 bits of it (measured on AMD and Intel parts; the SDM
// calls it undefined). CF OF SF AF PF are undefined and left alone.
template <bool kForward>
struct BitScan {
  template <int W, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> v = ReadOp<W, Src>(c, d, 1, AddressIfMem<Src>(c, d));
    if (v == 0) {
      Rflags(c) |= kFlagZF;
      return;
    }
    const int index = kForward ? std::countr_zero(v) : W - 1 - std::countl_zero(v);
    SetReg<W>(c.cpu, d.reg[0], static_cast<U<W>>(index));
    Rflags(c) &= ~kFlagZF;
  }
};

// POPCNT: ZF = (source == 0); CF OF SF AF PF are cleared.
struct Popcnt {
  template <int W, Loc Src>
  static void Run(ExecContext& c, const DecodedInsn& d) {
    const U<W> v = ReadOp<W, Src>(c, d, 1, AddressIfMem<Src>(c, d));
    SetReg<W>(c.cpu, d.reg[0], static_cast<U<W>>(std::popcount(v)));
    SetFlags(Rflags(c), kStatusFlags, FlagIf(v == 0, kFlagZF));
  }
};

template <BitAction kAction>
Bound PickBitTest(const InsnView& v) {
  // The bit offset is a register or an immediate, never memory.
  return PickWidthForm<BitTest<kAction>, false>(v.width, v.loc[0], v.loc[1]);
}

void Bswap32(ExecContext& c, const DecodedInsn& d) {
  SetReg<32>(c.cpu, d.reg[0], __builtin_bswap32(GetReg<32>(c.cpu, d.reg[0])));
}
void Bswap64(ExecContext& c, const DecodedInsn& d) {
  SetReg<64>(c.cpu, d.reg[0], __builtin_bswap64(GetReg<64>(c.cpu, d.reg[0])));
}

}  // namespace

Bound BindBit(const InsnView& v, DecodedInsn&) {
  const bool bit_test_form = v.count == 2 && v.width >= 16;
  const bool scan_form = v.count == 2 && v.loc[0] == Loc::kReg && v.width >= 16;
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_BT:
      return bit_test_form ? PickBitTest<BitAction::kTest>(v) : nullptr;
    case ZYDIS_MNEMONIC_BTS:
      return bit_test_form ? PickBitTest<BitAction::kSet>(v) : nullptr;
    case ZYDIS_MNEMONIC_BTR:
      return bit_test_form ? PickBitTest<BitAction::kReset>(v) : nullptr;
    case ZYDIS_MNEMONIC_BTC:
      return bit_test_form ? PickBitTest<BitAction::kComplement>(v) : nullptr;
    case ZYDIS_MNEMONIC_BSF: return scan_form ? PickRm<BitScan<true>>(v.width, v.loc[1]) : nullptr;
    case ZYDIS_MNEMONIC_BSR: return scan_form ? PickRm<BitScan<false>>(v.width, v.loc[1]) : nullptr;
    case ZYDIS_MNEMONIC_POPCNT: return scan_form ? PickRm<Popcnt>(v.width, v.loc[1]) : nullptr;
    case ZYDIS_MNEMONIC_BSWAP:
      if (v.count != 1 || v.loc[0] != Loc::kReg) return nullptr;
      return v.width == 64 ? &Bswap64 : v.width == 32 ? &Bswap32 : nullptr;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
