// goemu's host services: the runtime's native leaf functions (docs/runtime.md says why each
// one is native). The guest calls a stub `MOVL $number, AX; SYSCALL; RET`; at the SYSCALL, SP
// is the stub's entry SP, so ABI0 argument k is at SP+8+off_k and results go right after the
// arguments, where an ABI0 callee writes them. Guest memory is accessed with the
// interpreter's checked accessors: a bad pointer faults at the SYSCALL like a bad load would.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "runtime_model/guest_arena.h"

namespace goemu::rt {

class HostServices {
 public:
  using Sink = std::function<void(int fd, std::string_view bytes)>;
  HostServices(const isa::Image& image, emu::Memory& memory, const Sink& sink)
      : image_(image), arena_(memory), sink_(sink) {}

  // Runs service `number` for the guest. nullopt when `number` is no service (the caller
  // answers -ENOSYS); otherwise what the machine should do next (exit on a fatal error).
  std::optional<emu::SyscallHandler::Outcome> Call(emu::Machine& machine, uint64_t number);

  GuestArena& arena() { return arena_; }
  uint64_t calls() const { return calls_; }

 private:
  emu::SyscallHandler::Outcome OutOfMemory(emu::Machine& machine, uint64_t size);

  const isa::Image& image_;
  GuestArena arena_;
  const Sink& sink_;
  uint64_t calls_ = 0;
};

}  // namespace goemu::rt
