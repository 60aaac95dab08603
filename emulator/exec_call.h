// CALL and RET's two-way halves (threaded.h): in a header so that the observed forms
// (observed_flow.h), including an observer's own (flow_hooks.h), run the same code as the
// plain ones bound in exec_control.cpp.
#pragma once
#include <cstdint>

#include "emulator/decoded_insn.h"
#include "emulator/operands.h"

namespace goemu::emu {

// The target is read before the push, so "call [rsp]" uses the old stack
// top. Two-way (kFast): see Load/Stored in operands.h and threaded.h.
template <Loc L, bool kFast>
inline bool Call(ExecContext& c, const DecodedInsn& d) {
  uint64_t target = d.imm;
  if constexpr (L != Loc::kImm) {
    if (!ReadOpOr<64, L, kFast>(c, d, 0, AddressIfMem<L>(c, d), target)) return false;
  }
  if (!Push64<kFast>(c, c.cpu.rip)) return false;
  c.cpu.rip = target;
  return true;
}

// RET and RET imm16 (imm is 0 for the plain form).
template <bool kFast>
inline bool Ret(ExecContext& c, const DecodedInsn& d) {
  const uint64_t rsp = c.cpu.gpr[kRsp];
  uint64_t target;
  if (!Load<kFast>(c, rsp, target)) return false;
  c.cpu.gpr[kRsp] = rsp + 8 + d.imm;
  c.cpu.rip = target;
  return true;
}

// A direct CALL that its block goes on through (kCallThrough, block.h): only the push; the
// block's next record is the target's first instruction.
template <bool kFast>
inline bool CallThrough(ExecContext& c, const DecodedInsn& d) {
  return Push64<kFast>(c, d.pc + d.length);
}

}  // namespace goemu::emu
