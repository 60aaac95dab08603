// Runs the goemu binary in a given directory with a time limit and captures what it printed.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace goemu::test {

struct CaseRun {
  int status = -1;         // exit status; -1 when killed by a signal or the time limit
  int signal = 0;          // the signal that ended it, if any
  bool timed_out = false;
  std::chrono::milliseconds elapsed{0};
  std::string out;
  std::string err;
};

// Runs `binary args...` with `dir` as working directory and stdin from /dev/null; kills it
// after `limit`.
CaseRun RunInDir(const std::string& binary, const std::vector<std::string>& args, const std::string& dir,
                 std::chrono::milliseconds limit);

}  // namespace goemu::test
