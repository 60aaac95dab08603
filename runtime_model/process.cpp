#include "runtime_model/process.h"

namespace goemu::rt {

GuestProcess::GuestProcess(isa::Image image, OutputSink sink)
    : image_(std::move(image)), machine_(memory_), syscalls_(image_, memory_, std::move(sink)) {
  machine_.SetSyscallHandler(&syscalls_);
}

BootResult GuestProcess::Boot(const BootOptions& options) { return rt::Boot(image_, machine_, options); }

emu::RunResult GuestProcess::Run(uint64_t max_steps) { return machine_.Run({.max_steps = max_steps}); }

}  // namespace goemu::rt
