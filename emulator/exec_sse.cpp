// The SSE subset Go's runtime uses for copying and zeroing: MOVD/MOVQ between
// GPRs and XMM registers, 128-bit moves (MOVDQU = Go's MOVOU, MOVUPS,
// MOVDQA, MOVAPS, MOVUPD, MOVAPD) and PXOR/XORPS/XORPD. None changes flags.
#include "emulator/bind.h"

namespace goemu::emu {

namespace {

// Legacy-encoded SSE instructions fault (#GP) on a 16-byte memory operand
// that is not 16-byte aligned, except the explicitly unaligned moves.
inline void CheckAligned(uint64_t addr) {
  if (addr & 15) throw InsnFault{FaultKind::kGeneralProtection, addr};
}

template <bool kAligned>
uint64_t VectorAddress(const ExecContext& c, const DecodedInsn& d) {
  const uint64_t addr = LinearAddress(c.cpu, d);
  if constexpr (kAligned) CheckAligned(addr);
  return addr;
}

// xmm <- xmm/m128, m128 <- xmm (d.reg holds XMM indices for XMM operands).
template <bool kAligned, Loc D, Loc Src>
void Move128(ExecContext& c, const DecodedInsn& d) {
  if constexpr (D == Loc::kMem) {
    Store<Xmm>(c, VectorAddress<kAligned>(c, d), c.cpu.xmm[d.reg[1]]);
  } else if constexpr (Src == Loc::kMem) {
    c.cpu.xmm[d.reg[0]] = c.mem.Read<Xmm>(VectorAddress<kAligned>(c, d));
  } else {
    c.cpu.xmm[d.reg[0]] = c.cpu.xmm[d.reg[1]];
  }
}

template <Loc Src>
void Xor128(ExecContext& c, const DecodedInsn& d) {
  const Xmm b = Src == Loc::kMem ? c.mem.Read<Xmm>(VectorAddress<true>(c, d)) : c.cpu.xmm[d.reg[1]];
  Xmm& a = c.cpu.xmm[d.reg[0]];
  a.lo ^= b.lo;
  a.hi ^= b.hi;
}

// MOVD/MOVQ xmm <- r/m32/64 (upper bits of the XMM register cleared).
template <int W, Loc Src>
void ToXmm(ExecContext& c, const DecodedInsn& d) {
  const uint64_t v = ReadOp<W, Src>(c, d, 1, AddressIfMem<Src>(c, d));
  c.cpu.xmm[d.reg[0]] = Xmm{v, 0};
}

// MOVD/MOVQ r/m32/64 <- xmm (the low W bits).
template <int W, Loc D>
void FromXmm(ExecContext& c, const DecodedInsn& d) {
  WriteOp<W, D>(c, d, 0, AddressIfMem<D>(c, d), static_cast<U<W>>(c.cpu.xmm[d.reg[1]].lo));
}

// MOVQ xmm, xmm: the low quadword, upper cleared.
void MovqXmm(ExecContext& c, const DecodedInsn& d) {
  c.cpu.xmm[d.reg[0]] = Xmm{c.cpu.xmm[d.reg[1]].lo, 0};
}

template <bool kAligned>
Bound PickMove128(const InsnView& v) {
  if (v.count != 2) return nullptr;
  if (v.xmm[0] && v.xmm[1]) return &Move128<kAligned, Loc::kReg, Loc::kReg>;
  if (v.xmm[0] && v.loc[1] == Loc::kMem) return &Move128<kAligned, Loc::kReg, Loc::kMem>;
  if (v.loc[0] == Loc::kMem && v.xmm[1]) return &Move128<kAligned, Loc::kMem, Loc::kReg>;
  return nullptr;
}

template <int W>
Bound PickMovdMovq(const InsnView& v) {
  const bool gpr_or_mem1 = !v.xmm[1] && (v.loc[1] == Loc::kReg || v.loc[1] == Loc::kMem);
  const bool gpr_or_mem0 = !v.xmm[0] && (v.loc[0] == Loc::kReg || v.loc[0] == Loc::kMem);
  if (v.xmm[0] && gpr_or_mem1) {
    return v.loc[1] == Loc::kMem ? &ToXmm<W, Loc::kMem> : &ToXmm<W, Loc::kReg>;
  }
  if (gpr_or_mem0 && v.xmm[1]) {
    return v.loc[0] == Loc::kMem ? &FromXmm<W, Loc::kMem> : &FromXmm<W, Loc::kReg>;
  }
  if constexpr (W == 64) {
    if (v.xmm[0] && v.xmm[1]) return &MovqXmm;
  }
  return nullptr;
}

}  // namespace

Bound BindSse(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_MOVD: return v.count == 2 ? PickMovdMovq<32>(v) : nullptr;
    case ZYDIS_MNEMONIC_MOVQ: return v.count == 2 ? PickMovdMovq<64>(v) : nullptr;
    case ZYDIS_MNEMONIC_MOVDQU:
    case ZYDIS_MNEMONIC_MOVUPS:
    case ZYDIS_MNEMONIC_MOVUPD: return PickMove128<false>(v);
    case ZYDIS_MNEMONIC_MOVDQA:
    case ZYDIS_MNEMONIC_MOVAPS:
    case ZYDIS_MNEMONIC_MOVAPD: return PickMove128<true>(v);
    case ZYDIS_MNEMONIC_PXOR:
    case ZYDIS_MNEMONIC_XORPS:
    case ZYDIS_MNEMONIC_XORPD:
      if (v.count != 2 || !v.xmm[0]) return nullptr;
      if (v.xmm[1]) return &Xor128<Loc::kReg>;
      return v.loc[1] == Loc::kMem ? &Xor128<Loc::kMem> : nullptr;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
