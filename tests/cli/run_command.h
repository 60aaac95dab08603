// Runs the goemu binary with arguments and captures what it printed.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace goemu::test {

struct CommandResult {
  int status = -1;     // exit status, or -1 if it did not exit normally
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs GOEMU_BINARY with args (no shell involved).
CommandResult RunGoemu(const std::vector<std::string>& args);

// Runs GOEMU_BINARY with its standard output on a pipe that is closed after the first keep
// bytes have been read, as `goemu ... | head -c keep` does; out holds those bytes.
CommandResult RunGoemuIntoShortReader(const std::vector<std::string>& args, size_t keep);

}  // namespace goemu::test
