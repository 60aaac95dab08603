// Watched address ranges: how an execution observer asks to hear of stores to
// a few addresses (return-address slots, a TLS slot) without watching every
// store. See ExecutionObserver::watched in machine.h.
#pragma once
#include <cstdint>

namespace goemu::emu {

// Guest addresses whose stores an observer wants to see, so that it need not
// ask for kClassMemWrite: a block whose stores miss them runs at full speed.
// Each range is a prefilter the store path tests in one subtraction and one
// compare on the store's last byte (a store of n <= 16 bytes at addr passes
// when addr + n - 1 - base < span): exact at the low end, so a store just
// below a watched slot (a prologue saving BP under the return address) does
// not pass; ExecutionObserver::Watches gives the exact answer for what passes.
struct WatchRange {
  uint64_t base = 0;
  uint64_t span = 0;  // 0: watches nothing
  // A range that passes every store overlapping [lo, hi).
  static WatchRange Covering(uint64_t lo, uint64_t hi) {
    return hi > lo ? WatchRange{lo, hi - lo + (kMaxStore - 1)} : WatchRange{};
  }
  static constexpr uint64_t kMaxStore = 16;  // the widest single store (an XMM register)
};
struct WatchList {
  WatchRange ranges[3];
  // Not a store range: where RSP may land after an instruction the observer
  // called quiet (ExecutionObserver::Quiet) for the machine to skip telling
  // it; an RSP outside it, or span 0, and the instruction is reported.
  WatchRange quiet_sp;
  // Stores whose last byte lies in it pass no prefilter, whatever the ranges
  // say: tested first, so that the stores most code makes (a frame's own
  // locals and outgoing arguments, below every return slot a frame tracer
  // watches) cost one test, not one per range. The observer answers for it:
  // it must not reach, by WatchRange::kMaxStore - 1 bytes below its base, an
  // address the observer watches. span 0: none.
  WatchRange unwatched;
};

inline constexpr WatchList kWatchNothing{};
// What the machine watches for an observer that asks for kClassMemWrite.
inline constexpr WatchList kWatchEverything{{{0, ~0ull}, {~0ull, 1}, {}}};

// The store path's test (operands.h): whether a store of size <=
// WatchRange::kMaxStore bytes at addr passes one of the prefilters.
inline bool PassesWatch(const WatchList& list, uint64_t addr, uint32_t size) {
  const uint64_t last = addr + (size - 1);
  if (last - list.unwatched.base < list.unwatched.span) return false;
  // Short-circuit tests: evaluating all three at once would hold more registers across
  // every store handler, untraced ones included (a push and pop of a saved register each).
  return last - list.ranges[0].base < list.ranges[0].span || last - list.ranges[1].base < list.ranges[1].span ||
         last - list.ranges[2].base < list.ranges[2].span;
}

}  // namespace goemu::emu
