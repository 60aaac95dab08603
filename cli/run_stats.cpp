#include "cli/run_stats.h"

#include <fmt/format.h>

namespace goemu::cli {

void RunStats::Finish(const emu::Machine& machine) {
  seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  instructions_ = machine.retired();
  decode_hits_ = machine.decode_hits();
  decode_misses_ = machine.decode_misses();
  guest_memory_ = machine.memory().mapped_bytes();
}

void RunStats::Print(std::FILE* out) const {
  const uint64_t lookups = decode_hits_ + decode_misses_;
  fmt::print(out, "instructions: {}\n", instructions_);
  fmt::print(out, "wall time: {:.6f} s\n", seconds_);
  fmt::print(out, "MIPS: {:.1f}\n", seconds_ > 0 ? instructions_ / seconds_ / 1e6 : 0.0);
  fmt::print(out, "decode cache hit rate: {:.4f}\n", lookups ? double(decode_hits_) / lookups : 0.0);
  fmt::print(out, "guest memory: {} bytes\n", guest_memory_);
}

emu::RunResult RunNotingStartup(rt::GuestProcess& process, uint64_t max_steps,
                                std::chrono::steady_clock::time_point since, std::optional<double>* startup_seconds) {
  const isa::ImageSymbol* main = process.image().FindSymbol("main.main");
  if (main == nullptr) return process.Run(max_steps);
  emu::RunResult boot = process.Run(max_steps, main->addr);
  if (boot.reason != emu::StopReason::kEnd) return boot;
  *startup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
  emu::RunResult rest = process.Run(max_steps - boot.steps);
  rest.steps += boot.steps;
  if (boot.fault) rest.fault = boot.fault;
  return rest;
}

}  // namespace goemu::cli
