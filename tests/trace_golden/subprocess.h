// Runs goemu as a child process with stdout and stderr captured separately, for tests that
// compare what the real command prints.
#pragma once
#include <string>
#include <vector>

namespace goemu::trace::golden {

struct Captured {
  int status = -1;  // exit status, or -1 when the process did not exit normally
  std::string out, err;
};

// Runs argv (argv[0] is the executable's path, no shell) in directory cwd.
Captured RunCaptured(const std::vector<std::string>& argv, const std::string& cwd);
// Runs the goemu binary under test (GOEMU_BINARY) with args, in the source tree
// (GOEMU_SOURCE_DIR), so that paths like programs/defer.s resolve.
Captured Goemu(std::vector<std::string> args);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace goemu::trace::golden
