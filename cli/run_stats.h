// --stats: what a run cost, printed as `name: value` lines after it ends.
#pragma once
#include <chrono>
#include <cstdio>
#include <optional>

#include "emulator/machine.h"
#include "runtime_model/process.h"

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

// GuestProcess::Run, paused once at the first instruction of main.main to read the clock:
// *startup_seconds is the time from `since` (taken before assembling) to there, i.e.
// assembling, linking, booting and the runtime's own start-up; it stays empty when the run
// ends before main.main. The pause changes nothing the guest or an observer can see.
emu::RunResult RunNotingStartup(rt::GuestProcess& process, uint64_t max_steps,
                                std::chrono::steady_clock::time_point since, std::optional<double>* startup_seconds);

}  // namespace goemu::cli
