// A test observer that calls every stack write quiet (ExecutionObserver::Quiet), as the frame
// tracer does the SP adjustments of prologues and epilogues, and records the pcs reported.
#pragma once
#include <cstdint>
#include <vector>

#include "emulator/machine.h"

namespace goemu::emu::testing {

// Marks itself current after each report when asked to (Machine::MarkObserverCurrent).
struct QuietWatcher : ExecutionObserver {
  WatchList list;
  bool marks_current = true;
  std::vector<uint64_t> seen;  // pcs reported

  uint32_t interest() const override { return kClassStackWrite; }
  const WatchList* watched() const override { return &list; }
  bool Quiet(uint64_t, uint8_t, uint32_t) const override { return true; }
  void OnRetired(Machine& m, const RetiredInsn& insn) override {
    seen.push_back(insn.pc);
    if (marks_current) m.MarkObserverCurrent();
  }
};

}  // namespace goemu::emu::testing
