// Binding: turning a Zydis-decoded instruction into a handler. Each
// instruction family exposes one Bind function; the decoder tries them in turn.
#pragma once
#include <Zydis/Zydis.h>

#include <array>

#include "emulator/decoded_insn.h"
#include "emulator/operands.h"
#include "emulator/threaded.h"

namespace goemu::emu {

// A digest of the explicit operands, enough for a family to pick its handler.
struct InsnView {
  const ZydisDecodedInstruction* z;
  const ZydisDecodedOperand* ops;  // all operands, explicit ones first
  ZydisMnemonic mnemonic;
  int count = 0;                   // explicit operands
  std::array<Loc, 4> loc{};        // kind of each explicit operand
  std::array<uint16_t, 4> bits{};  // size of each explicit operand
  std::array<bool, 4> xmm{};       // explicit operand is an XMM register
  int width = 0;                   // size of operand 0 in bits (or the operand size)
  bool rep = false;    // REP / REPE
  bool repne = false;

  bool Is(Loc a) const { return count == 1 && loc[0] == a; }
  bool Is(Loc a, Loc b) const { return count == 2 && loc[0] == a && loc[1] == b; }
  // The condition-code nibble of Jcc/SETcc/CMOVcc.
  uint8_t condition() const { return z->opcode & 0x0f; }
};

// Family binders: return the handlers (filling family-specific fields of d) or
// nullptr when the mnemonic or operand form is not theirs / not supported.
Bound BindArith(const InsnView& v, DecodedInsn& d);
Bound BindLogic(const InsnView& v, DecodedInsn& d);
Bound BindShift(const InsnView& v, DecodedInsn& d);
Bound BindMulDiv(const InsnView& v, DecodedInsn& d);
Bound BindBit(const InsnView& v, DecodedInsn& d);
Bound BindMove(const InsnView& v, DecodedInsn& d);
Bound BindStack(const InsnView& v, DecodedInsn& d);
Bound BindControl(const InsnView& v, DecodedInsn& d);
Bound BindString(const InsnView& v, DecodedInsn& d);
Bound BindSystem(const InsnView& v, DecodedInsn& d);
Bound BindSse(const InsnView& v, DecodedInsn& d);

// Picks F::Run<W, Dst, Src> for a two-operand form. F is a struct with a
// static member template Run<int W, Loc D, Loc S> (or a two-way one, see
// BindRun); memory-to-memory and writes to immediates are not forms x86 has,
// so they yield nullptr, as does a memory source when kMemSrc is false (shift
// counts).
template <typename F, int W, bool kMemSrc = true>
Bound PickForm(Loc dst, Loc src) {
  if (dst == Loc::kReg) {
    switch (src) {
      case Loc::kReg: return BindRun<F, W, Loc::kReg, Loc::kReg>();
      case Loc::kMem:
        if constexpr (kMemSrc) return BindRun<F, W, Loc::kReg, Loc::kMem>();
        else return nullptr;
      case Loc::kImm: return BindRun<F, W, Loc::kReg, Loc::kImm>();
      default: return nullptr;
    }
  }
  if (dst == Loc::kMem) {
    switch (src) {
      case Loc::kReg: return BindRun<F, W, Loc::kMem, Loc::kReg>();
      case Loc::kImm: return BindRun<F, W, Loc::kMem, Loc::kImm>();
      default: return nullptr;
    }
  }
  return nullptr;
}

template <typename F, bool kMemSrc = true>
Bound PickWidthForm(int width, Loc dst, Loc src) {
  switch (width) {
    case 8: return PickForm<F, 8, kMemSrc>(dst, src);
    case 16: return PickForm<F, 16, kMemSrc>(dst, src);
    case 32: return PickForm<F, 32, kMemSrc>(dst, src);
    case 64: return PickForm<F, 64, kMemSrc>(dst, src);
    default: return nullptr;
  }
}

// The usual case: operand 0 is the destination, operand 1 the source.
template <typename F>
Bound PickBinary(const InsnView& v) {
  if (v.count != 2) return nullptr;
  return PickWidthForm<F>(v.width, v.loc[0], v.loc[1]);
}

// Forms that vary only in the kind of their one r/m operand and the width:
// F::Run<W, Loc> (or a two-way one). Other operands, if any, are registers
// or implied.
template <typename F>
Bound PickRm(int width, Loc dst) {
  if (dst != Loc::kReg && dst != Loc::kMem) return nullptr;
  const bool mem = dst == Loc::kMem;
  switch (width) {
    case 8: return mem ? BindRun<F, 8, Loc::kMem>() : BindRun<F, 8, Loc::kReg>();
    case 16: return mem ? BindRun<F, 16, Loc::kMem>() : BindRun<F, 16, Loc::kReg>();
    case 32: return mem ? BindRun<F, 32, Loc::kMem>() : BindRun<F, 32, Loc::kReg>();
    case 64: return mem ? BindRun<F, 64, Loc::kMem>() : BindRun<F, 64, Loc::kReg>();
    default: return nullptr;
  }
}

// One-operand forms (NEG, NOT, INC, MUL, ...).
template <typename F>
Bound PickUnary(const InsnView& v) {
  return v.count == 1 ? PickRm<F>(v.width, v.loc[0]) : nullptr;
}

}  // namespace goemu::emu
