// Go's stack-bound check, which opens nearly every function the toolchain assembles (the
// prologue obj6.go inserts for a frame of up to StackSmall bytes):
//
//   MOVQ (TLS), CX      // mov rcx, fs:[-8]: the running g
//   CMPQ SP, 16(CX)     // g.stackguard0
//   JLS  more           // to the function's tail, which calls morestack
//
// Three records of a block that a call-heavy program runs once a call. When the branch is
// not taken, which is every time but when the stack must grow, one handler does all three:
// two loads, one register write and the CMP's flags, then it goes on after the JLS.
#pragma once
#include <cstddef>

#include "emulator/decoded_insn.h"

namespace goemu::emu {

// The handler to run at records[0] in place of the MOV's own when records[0..2] are such a
// check, as the block builder bound them (threaded, unobserved); nullptr otherwise. The
// three records stay: stepping, a taken branch and the retired count use them.
Handler StackCheckFor(const DecodedInsn* records, size_t count);

}  // namespace goemu::emu
