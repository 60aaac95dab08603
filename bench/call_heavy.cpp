// A call-heavy workload (recursive sum, a real CALL/RET at every level) run
// natively and in goemu's interpreter, in the same process, printing MIPS for
// both. A benchmark, not a test: it asserts only that both agree on the result.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "emulator/machine.h"

extern "C" {
extern const uint8_t goemu_bench_call_heavy_begin[];
extern const uint8_t goemu_bench_call_heavy_end[];
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t kCodeBase = 0x401000;
constexpr uint64_t kStackTop = 0x7ffffff00000;
constexpr uint64_t kStackSize = 1 << 20;
constexpr uint64_t kReturnTrap = 0x7fff0000;  // the workload's return address: run ends here

// Runs the workload in the interpreter; returns the instructions it retired.
// The native run executes the same instructions, so the same count serves both.
uint64_t RunGuest(uint64_t reps, uint64_t& checksum, double& seconds) {
  using namespace goemu::emu;
  Memory memory;
  Machine machine(memory);
  const size_t size = goemu_bench_call_heavy_end - goemu_bench_call_heavy_begin;
  memory.Map(kCodeBase, (size + kPageMask) & ~kPageMask, kPermRX, "text");
  memory.Poke(kCodeBase, goemu_bench_call_heavy_begin, size);
  memory.Map(kStackTop - kStackSize, kStackSize, kPermRW, "stack");
  auto& cpu = machine.cpu();
  cpu.rip = kCodeBase;
  cpu.gpr[kRdi] = reps;
  cpu.gpr[kRsp] = kStackTop - 64;
  memory.Write<uint64_t>(cpu.gpr[kRsp], kReturnTrap);
  const auto start = Clock::now();
  const RunResult result = machine.Run({UINT64_MAX, kReturnTrap});
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (result.reason != StopReason::kEnd) {
    fmt::print(stderr, "call_heavy: guest stopped early: {}\n",
               result.fault ? DescribeFault(*result.fault) : "no fault");
    std::exit(1);
  }
  checksum = cpu.gpr[kRax];
  return result.steps;
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t reps = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 14000;
  uint64_t guest_checksum = 0;
  double guest_seconds = 0;
  const uint64_t instructions = RunGuest(reps, guest_checksum, guest_seconds);

  using Workload = uint64_t (*)(uint64_t);
  const auto native = reinterpret_cast<Workload>(const_cast<uint8_t*>(goemu_bench_call_heavy_begin));
  const auto start = Clock::now();
  const uint64_t native_checksum = native(reps);
  const double native_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (native_checksum != guest_checksum) {
    fmt::print(stderr, "call_heavy: checksum differs: native {} goemu {}\n", native_checksum, guest_checksum);
    return 1;
  }
  fmt::print("workload      instructions   seconds    MIPS\n");
  fmt::print("call_heavy    {:>12}   {:>7.3f}   {:>7.1f}   goemu interpreter\n", instructions, guest_seconds,
             instructions / guest_seconds / 1e6);
  fmt::print("call_heavy    {:>12}   {:>7.3f}   {:>7.1f}   native (same bytes, host CPU)\n", instructions,
             native_seconds, instructions / native_seconds / 1e6);
  return 0;
}
