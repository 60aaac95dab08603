// Instruction sequences the Go toolchain puts into nearly every function, each run by one
// handler inside a block. For a frame of framesize bytes (up to StackSmall), obj6.go's
// prologue and epilogue are
//
//   MOVQ (TLS), CX                    // mov rcx, fs:[-8]: the running g    } the stack-bound
//   CMPQ SP, 16(CX)                   // g.stackguard0                      } check
//   JLS  more                         // to the tail, which calls morestack }
//   SUBQ $framesize, SP               // the frame                          } the frame
//   MOVQ BP, framesize-8(SP)          // the caller's frame pointer, saved  } setup
//   LEAQ framesize-8(SP), BP          // and this frame's                   }
//   ...
//   MOVQ framesize-8(SP), BP          // the caller's frame pointer back    } the frame
//   ADDQ $framesize, SP                                                     } teardown
//   RET
//
// And in any code, a compare (CMP, TEST: decoder.h's CmpThenBranch says which forms) and the
// conditional branch after it.
//
// A call-heavy program runs the prologue's and epilogue's eight records once a call, two
// of them loads and one a store. The fused handler does the same work without the
// dispatches between the records and the reloads they force, and goes on after the last
// record it covers. Anything but the common case (a TLB miss, a watched store, a stack that
// must grow, an SP adjustment the observer must hear of) runs the first record's own
// handler, before anything changed, so the records run one by one. The records stay:
// stepping, the retired count and a block's exits use them.
#pragma once
#include <cstddef>

#include "emulator/decoded_insn.h"

namespace goemu::emu {

// The handler to run at records[0] in place of its own when records[0..] (count of them
// in the block) start one of those sequences, as the block builder bound them (threaded;
// unobserved, or for the SP adjustments, quiet); nullptr otherwise.
Handler GoIdiomAt(const DecodedInsn* records, size_t count);

}  // namespace goemu::emu
