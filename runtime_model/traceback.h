// Go's fatal-error reports, printed where go1.13 prints them: dopanic_m's part (the signal
// line and the goroutine tracebacks, through the goemuTraceback host service that fatalthrow
// and fatalpanic call) and sighandler's part for signals Go does not turn into panics
// (SIGILL, SIGTRAP). Frames are unwound the way Go's own traceback does it, not from a
// shadow stack: at pc the assembler's per-instruction sp_delta gives the entry SP, the return
// address is at [entry SP], the caller's SP (the frame's fp) is entry SP + 8.
#pragma once

#include <cstdint>
#include <string>

#include "emulator/memory.h"
#include "isa/assembler.h"

namespace goemu::rt {

// What go1.13's dopanic_m prints (GOTRACEBACK=single):
//
//   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x401234]   (when gp.sig != 0)
//
//   goroutine 1 [running]:
//   main.check(0x7)
//   	programs/throw.s:25 +0x3e fp=0xc000031f90 sp=0xc000031f78 pc=0x4012be
//   ...
//
// starting at (pc, sp) on gp's stack: pc is a return address (its line is the CALL's), sp the
// SP at that pc. While the m is throwing, every frame of the current goroutine is shown with
// fp/sp/pc and the other goroutines follow; otherwise (a panic) frames of unexported runtime
// functions are hidden, as Go hides them. When gp is its m's g0 (a throw in newstack or the
// scheduler), g0's frames come under "runtime stack:" and the m's current goroutine follows
// from where it was parked (g.sched).
std::string FormatTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc,
                            uint64_t sp, uint64_t gp);

// What go1.13's sighandler prints after "SIGILL: illegal instruction\nPC=... m=0 sigcode=2\n\n"
// for a signal it throws on: gp's header and frames from the trap (pc is where the signal
// struck, so its line is pc's own), then the other goroutines.
std::string FormatTrapTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc,
                                uint64_t sp, uint64_t gp);

}  // namespace goemu::rt
