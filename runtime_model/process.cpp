#include "runtime_model/process.h"

#include <algorithm>

#include "runtime_model/layout.h"
#include "runtime_model/signals.h"
#include "runtime_model/traceback.h"

namespace goemu::rt {
namespace {

// Faults one run may deliver. Without recover every panic is fatal, so only a fault inside a
// deferred call run by a panic adds one; this bounds a runtime that keeps faulting.
constexpr int kMaxSignals = 64;

}  // namespace

GuestProcess::GuestProcess(isa::Image image, OutputSink sink)
    : image_(std::move(image)), machine_(memory_), sink_(sink), syscalls_(image_, memory_, std::move(sink)) {
  machine_.SetSyscallHandler(&syscalls_);
}

BootResult GuestProcess::Boot(const BootOptions& options) { return rt::Boot(image_, machine_, options); }

emu::RunResult GuestProcess::Run(uint64_t max_steps, std::optional<uint64_t> stop_at) {
  std::optional<emu::GuestFault> first_fault;
  uint64_t steps = 0;
  for (int signals = 0;;) {
    // Slices only when someone may call the run off; the slices' seams change nothing
    // the guest or an observer sees.
    const uint64_t slice = go_on_ ? std::min(max_steps - steps, kCheckEvery) : max_steps - steps;
    emu::RunResult result = machine_.Run({.max_steps = slice, .stop_at = stop_at});
    steps += result.steps;
    result.steps = steps;
    if (result.reason == emu::StopReason::kMaxSteps && steps < max_steps && go_on_ && go_on_()) {
      continue;
    }
    if (result.reason != emu::StopReason::kFault) {
      if (first_fault) result.fault = first_fault;
      return result;
    }
    if (!first_fault) first_fault = result.fault;
    const Delivery delivery = signals++ < kMaxSignals ? DeliverSignal(image_, machine_, *result.fault, sink_)
                                                    : Delivery{false, 2};
    if (!delivery.resume) return {emu::StopReason::kExit, first_fault, delivery.exit_code, steps};
  }
}

std::string GuestProcess::Traceback() const {
  const emu::CpuState& cpu = machine_.cpu();
  const uint64_t gp = cpu.fs_base != 0 ? memory_.PeekU64(cpu.fs_base - 8).value_or(0) : 0;
  if (gp == 0 || memory_.PeekU64(gp + Offset("g.m")).value_or(0) == 0) return "";
  return FormatTrapTraceback(image_, memory_, cpu.rip, cpu.gpr[emu::kRsp], gp);
}

}  // namespace goemu::rt
