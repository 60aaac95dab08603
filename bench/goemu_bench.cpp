// Runs one workload of workloads.S in goemu's interpreter and prints one
// line for bench/run: instructions retired, CPU seconds, MIPS, checksum. With
// --observer a do-nothing ExecutionObserver asks for the classes the frame
// tracer asks for, to show what tracing hooks cost; --native runs the same
// bytes on the host instead. The checksum of every run is compared against
// a native run, so a wrong interpreter cannot post a fast time.
#include <fmt/format.h>

#include <time.h>

#include <cstdlib>
#include <cstring>

#include "bench/workloads.h"
#include "emulator/machine.h"

namespace {

using namespace goemu::emu;

// Process CPU time: the machine is shared, and time spent descheduled is
// not the interpreter's (bench/README.md).
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

constexpr uint64_t kCodeBase = 0x401000;
constexpr uint64_t kStackTop = 0x7ffffff00000;
constexpr uint64_t kStackSize = 1 << 20;
constexpr uint64_t kReturnTrap = 0x7fff0000;  // the workload's return address: the run ends here

// The classes trace/frame_tracer.cpp asks for when no conditional branch
// leaves its function (as in these workloads): control transfers, stack moves
// and syscalls. The tracer hears of stores through a watch list of a few
// return slots, which these workloads never write outside CALL, so the row
// is what the machine's observation costs, not the tracer's own work.
class NullObserver : public ExecutionObserver {
 public:
  uint32_t interest() const override {
    return kClassCall | kClassRet | kClassJump | kClassIndirectJump | kClassStackWrite | kClassSyscall;
  }
  void OnRetired(Machine&, const RetiredInsn& insn) override { seen_ += insn.length; }
  uint64_t seen() const { return seen_; }

 private:
  uint64_t seen_ = 0;
};

struct Outcome {
  uint64_t instructions = 0;
  double seconds = 0;
  uint64_t checksum = 0;
};

Outcome RunGuest(const goemu_bench_workload& w, uint64_t reps, bool observe) {
  Memory memory;
  Machine machine(memory);
  NullObserver observer;
  if (observe) machine.SetObserver(&observer);
  const size_t size = w.end - w.begin;
  memory.Map(kCodeBase, (size + kPageMask) & ~kPageMask, kPermRX, "text");
  memory.Poke(kCodeBase, w.begin, size);
  memory.Map(kStackTop - kStackSize, kStackSize, kPermRW, "stack");
  auto& cpu = machine.cpu();
  cpu.rip = kCodeBase;
  cpu.gpr[kRdi] = reps;
  cpu.gpr[kRsp] = kStackTop - 64;
  memory.Write<uint64_t>(cpu.gpr[kRsp], kReturnTrap);
  const double start = CpuSeconds();
  const RunResult result = machine.Run({UINT64_MAX, kReturnTrap});
  const double seconds = CpuSeconds() - start;
  if (result.reason != StopReason::kEnd) {
    fmt::print(stderr, "goemu_bench {}: guest stopped early: {}\n", w.name,
               result.fault ? DescribeFault(*result.fault) : "no fault");
    std::exit(1);
  }
  return {result.steps, seconds, cpu.gpr[kRax]};
}

Outcome RunNative(const goemu_bench_workload& w, uint64_t reps) {
  const auto fn = reinterpret_cast<goemu_bench_fn>(const_cast<uint8_t*>(w.begin));
  const double start = CpuSeconds();
  const uint64_t checksum = fn(reps);
  return {0, CpuSeconds() - start, checksum};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: goemu_bench WORKLOAD REPS [--observer | --native]\n");
    return 2;
  }
  const goemu_bench_workload* w = goemu_bench_find(argv[1]);
  if (w == nullptr) {
    fmt::print(stderr, "goemu_bench: no workload {}\n", argv[1]);
    return 2;
  }
  const uint64_t reps = std::strtoull(argv[2], nullptr, 10);
  const char* mode = argc > 3 ? argv[3] : "";
  const Outcome native = RunNative(*w, reps);
  if (std::strcmp(mode, "--native") == 0) {
    fmt::print("seconds={:.6f} checksum={}\n", native.seconds, native.checksum);
    return 0;
  }
  const Outcome guest = RunGuest(*w, reps, std::strcmp(mode, "--observer") == 0);
  if (guest.checksum != native.checksum) {
    fmt::print(stderr, "goemu_bench {}: checksum {} differs from the native {}\n", w->name, guest.checksum,
               native.checksum);
    return 1;
  }
  fmt::print("insns={} seconds={:.6f} mips={:.1f} checksum={}\n", guest.instructions, guest.seconds,
             guest.instructions / guest.seconds / 1e6, guest.checksum);
  return 0;
}
