// Guest faults as Linux delivers them and go1.13's signal handler treats them. A fault the
// kernel reports as SIGSEGV, SIGBUS or SIGFPE becomes a panic: like Go's preparePanic, the
// host records the signal in the faulting g (g.sig, sigcode0, sigcode1, sigpc), makes it look
// as if the faulting instruction had called runtime·sigpanic, and resumes the guest there;
// the modeled runtime then panics or throws as Go's sigpanic does and prints the report
// itself. SIGILL and SIGTRAP are thrown on the spot, as sighandler does: the host prints the
// signal, the goroutine trap traceback and the registers, and the process exits with 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/fault.h"
#include "emulator/machine.h"
#include "isa/assembler.h"
#include "runtime_model/linux_syscalls.h"

namespace goemu::rt {

// Linux's numbers (asm-generic/signal.h, siginfo.h).
inline constexpr uint32_t kSigIll = 4, kSigTrap = 5, kSigBus = 7, kSigFpe = 8, kSigSegv = 11;
inline constexpr uint64_t kSegvMapErr = 1, kSegvAccErr = 2, kFpeIntDiv = 1, kIllIllOpn = 2, kSiKernel = 0x80;

// The siginfo a fault produces on Linux/amd64.
struct LinuxSignal {
  uint32_t number = 0;
  uint64_t code = 0;  // si_code
  uint64_t addr = 0;  // si_addr
  uint64_t pc = 0;    // the RIP the handler sees (after an INT3, which traps)
};

LinuxSignal SignalFor(const emu::GuestFault& fault, const emu::Memory& memory);

// go1.13's sigtable name: "SIGSEGV: segmentation violation"; "" for another number.
std::string_view SignalName(uint32_t number);

// What the run does after a fault was delivered.
struct Delivery {
  bool resume = false;  // the guest continues (in runtime·sigpanic)
  int exit_code = 2;    // otherwise the process exits with this status
};

// Delivers `fault` to the guest the way go1.13's sighandler does. Text the handler prints
// itself goes to fd 2 through `sink`.
Delivery DeliverSignal(const isa::Image& image, emu::Machine& machine, const emu::GuestFault& fault,
                       const OutputSink& sink);

}  // namespace goemu::rt
