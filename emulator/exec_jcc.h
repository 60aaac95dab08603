// Jcc's handlers, here for the handlers that end in a conditional branch of their own
// (go_idioms.h's compare-and-branch) as well as for Jcc's binding (exec_control.cpp).
#pragma once
#include "emulator/block.h"
#include "emulator/lazy_flags.h"
#include "emulator/threaded.h"

namespace goemu::emu {

template <unsigned kCond>
void Jcc(ExecContext& c, const DecodedInsn& d) {
  if (Condition<kCond>(c)) c.cpu.rip = d.imm;
}

// Threaded, a taken Jcc leaves its block right after itself (the block's
// side exit, block.h); not taken, the block goes on. Inline in the handlers that end in
// one, so that the condition comes from the flags they have just recorded, not from memory.
template <unsigned kCond>
[[gnu::always_inline]] inline void BranchThreaded(ExecContext& c, const DecodedInsn& d) {
  if (Condition<kCond>(c)) {
    c.cpu.rip = d.imm;
    return ExitBlock(c, &d + 1, d.exit_ran, d.exit_index);
  }
  return Next(c, d);
}
template <unsigned kCond>
void JccThreaded(ExecContext& c, const DecodedInsn& d) {
  return BranchThreaded<kCond>(c, d);
}

}  // namespace goemu::emu
