// Runs a program and captures what it printed, for driving the goemu binary from a test.
#pragma once

#include <string>
#include <vector>

namespace goemu::asm_golden {

struct CommandOutput {
  int exit_code = -1;  // -1 when the program could not be run or was killed by a signal
  std::string out;
  std::string err;
};

// argv[0] is the program path; arguments are passed verbatim (no shell involved).
CommandOutput RunCommand(const std::vector<std::string>& argv);

}  // namespace goemu::asm_golden
