// Go's goroutine traceback, printed where go1.13's dopanic_m prints it (the goemuTraceback
// host service, called by fatalthrow). Frames are unwound the way Go's own traceback does it,
// not from a shadow stack: at pc the assembler's per-instruction sp_delta gives the entry SP,
// the return address is at [entry SP], the caller's SP is entry SP + 8.
#pragma once

#include <cstdint>
#include <string>

#include "emulator/memory.h"
#include "isa/assembler.h"

namespace goemu::rt {

// The goroutine header and frames, in go1.13's layout:
//
//   goroutine 1 [running]:
//   runtime.throw(...)
//   	runtime_model/asm/panic.s:31 +0x5d
//   main.main(...)
//   	programs/throw.s:9 +0x2a
//   ...
//
// starting at (pc, sp) on gp's stack: pc is a return address (its line is the CALL's), sp the
// SP at that pc. It ends after a top frame (runtime.goexit, runtime.mstart, runtime.rt0_go),
// when the SP leaves gp's stack bounds or the pc is in no function. For a goroutine other
// than 1, a "created by" line names the function of its go statement (g.gopc). When gp is
// its m's g0 (a throw in newstack or the scheduler), g0's frames come under "runtime stack:"
// and the m's current goroutine, if any, follows from where it was parked (g.sched).
std::string FormatTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc,
                            uint64_t sp, uint64_t gp);

}  // namespace goemu::rt
