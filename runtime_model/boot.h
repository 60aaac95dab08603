// Boot: turns a linked Image into a process the way the Linux kernel starts one. Maps the
// segments at the addresses the linker chose, builds the initial process stack (argc, argv,
// envp, auxv) below 0x7ffffffff000, patches the words the runtime leaves to its loader and
// points the CPU at the entry (_rt0_amd64_linux). Nothing here is a host address.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "emulator/machine.h"
#include "isa/assembler.h"

namespace goemu::rt {

struct BootOptions {
  std::vector<std::string> argv;  // argv[0] is the program path
  std::vector<std::string> envp;  // empty unless given
  // What runtime.main installs as maxstacksize (0 = keep go1.13's 1e9).
  uint64_t max_stack_size = 0;
};

// The initial process stack: a 132 KiB region (the size Linux maps for a new process) named
// "process stack"; rt0_go turns its top 64 KiB into g0's stack.
inline constexpr uint64_t kProcessStackTop = 0x7ffffffff000;
inline constexpr uint64_t kProcessStackSize = 132 * 1024;
// AT_RANDOM's 16 bytes: fixed, so every run is the same.
inline constexpr uint8_t kAtRandomSeed = 0x5a;

struct BootResult {
  std::string error;         // empty on success
  uint64_t initial_sp = 0;   // RSP at entry: the address of argc
  uint64_t at_random = 0;    // where the 16 AT_RANDOM bytes are
  bool ok() const { return error.empty(); }
};

// Maps `image` into machine.memory() and sets machine.cpu() for the first instruction.
BootResult Boot(const isa::Image& image, emu::Machine& machine, const BootOptions& options);

}  // namespace goemu::rt
