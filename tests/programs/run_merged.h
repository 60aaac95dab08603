// Runs a command with stdout and stderr on one pipe, so the captured text interleaves the two
// streams in the order the process wrote them (what a terminal shows, and what
// programs/NAME.out records).
#pragma once
#include <string>
#include <vector>

namespace goemu::test {

struct MergedResult {
  int status = -1;     // exit status, or -1 if the process did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv (argv[0] is the executable's path, no shell) in directory `cwd`.
MergedResult RunMerged(const std::vector<std::string>& argv, const std::string& cwd);

}  // namespace goemu::test
