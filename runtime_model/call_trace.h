// A plain list of the functions a run enters, until the frame tracer lands: what
// `goemu run --trace-calls` prints. An ExecutionObserver that looks only at CALL, JMP
// (direct and indirect) and SYSCALL and names targets through the Image's symbols.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "runtime_model/linux_syscalls.h"

namespace goemu::rt {

// One line per event:
//   call runtime.settls        a CALL to the first instruction of a function
//   jmp runtime.rt0_go         a JMP from one function to the start of another (tail call)
//   resume runtime.main+0x2a   a JMP into the middle of another function (gogo resuming a g)
//   syscall arch_prctl(0x1002, 0x5a3198) = 0x0
//   service stackalloc         a goemu host service
// A JMP inside a function (a loop, the split-check retry) is not an entry and is not listed.
class CallTracer : public emu::ExecutionObserver {
 public:
  using LineSink = std::function<void(const std::string& line)>;
  CallTracer(const isa::Image& image, const LinuxSyscalls& syscalls, LineSink sink)
      : image_(image), syscalls_(syscalls), sink_(std::move(sink)) {}

  uint32_t interest() const override;
  void OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) override;

 private:
  const isa::Image& image_;
  const LinuxSyscalls& syscalls_;
  LineSink sink_;
};

}  // namespace goemu::rt
