// What one execution of a test case produced, on either side.
#pragma once
#include <optional>
#include <string>

#include "emulator/fault.h"
#include "tests/difftest/sandbox_layout.h"

namespace goemu::difftest {

struct Outcome {
  // Final registers; after a fault, the registers at the faulting instruction.
  RegisterFile regs;
  uint64_t rip = 0;
  std::optional<emu::FaultKind> fault;
  bool unsupported = false;  // the interpreter does not implement the instruction
  bool harness_error = false;  // the execution itself went wrong (host child died, ...)
  std::string note;            // how the fault or error was reported
  Window data{};
  Window stack{};
};

}  // namespace goemu::difftest
