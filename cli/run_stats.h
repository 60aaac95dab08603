// --stats: what a run cost, printed as `name: value` lines after it ends.
#pragma once
#include <chrono>
#include <cstdio>

#include "emulator/machine.h"

namespace goemu::cli {

class RunStats {
 public:
  RunStats() : start_(std::chrono::steady_clock::now()) {}
  void Finish(const emu::Machine& machine);
  void Print(std::FILE* out) const;

 private:
  std::chrono::steady_clock::time_point start_;
  double seconds_ = 0;
  uint64_t instructions_ = 0;
  uint64_t decode_hits_ = 0;
  uint64_t decode_misses_ = 0;
  uint64_t guest_memory_ = 0;
};

}  // namespace goemu::cli
