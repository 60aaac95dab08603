// Quiet instructions (ExecutionObserver::Quiet): a block at full speed skips reporting them
// while RSP after them stays in the watch list's quiet_sp and the observer has said its
// view is current since the run began (Machine::MarkObserverCurrent); otherwise, and
// whenever stepping, they are reported like any other.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/emulator/guest.h"
#include "tests/emulator/quiet_watcher.h"

namespace goemu::emu::testing {

namespace {

// 0: sub rsp, 8; 4: add rsp, 8; 8: inc rsi; 11: jmp rax (to 13, the end: an indirect
// jump ends the block, so the stop address is not inside it and it runs at full speed)
constexpr const char* kAdjusts = "4883ec08 4883c408 48ffc6 ffe0";
constexpr uint64_t kEnd = kText + 13;

void LoadAdjusts(Guest& g) {
  g.Load(kAdjusts);
  g.reg(kRax) = kEnd;
}

}  // namespace

TEST_CASE("A quiet instruction goes unreported once the observer is current, RSP in range", "[observer][quiet]") {
  Guest g;
  QuietWatcher w;
  w.list.quiet_sp = WatchRange{kStackBase, kStackSize};
  g.machine.SetObserver(&w);
  LoadAdjusts(g);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  // The first is reported: no report has made the observer current in this run yet.
  REQUIRE(w.seen == std::vector<uint64_t>{kText});
  REQUIRE(g.reg(kRsp) == kStackTop);
  REQUIRE(g.reg(kRsi) == 1);

  SECTION("a new run forgets that the observer was current") {
    w.seen.clear();
    g.cpu().rip = kText;
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(w.seen == std::vector<uint64_t>{kText});
  }
}

TEST_CASE("A quiet instruction is reported when RSP leaves the range or nobody marks current", "[observer][quiet]") {
  Guest g;
  QuietWatcher w;
  SECTION("RSP after the ADD is outside the range") {
    w.list.quiet_sp = WatchRange{kStackTop - 8, 1};
  }
  SECTION("the observer never marks itself current") {
    w.list.quiet_sp = WatchRange{kStackBase, kStackSize};
    w.marks_current = false;
  }
  SECTION("no quiet range") {}
  g.machine.SetObserver(&w);
  LoadAdjusts(g);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen == std::vector<uint64_t>{kText, kText + 4});
  REQUIRE(g.reg(kRsp) == kStackTop);
}

TEST_CASE("Stepping reports quiet instructions too", "[observer][quiet]") {
  Guest g;
  QuietWatcher w;
  w.list.quiet_sp = WatchRange{kStackBase, kStackSize};
  g.machine.SetObserver(&w);
  LoadAdjusts(g);
  while (g.cpu().rip != kEnd) REQUIRE(!g.machine.Step().has_value());
  REQUIRE(w.seen == std::vector<uint64_t>{kText, kText + 4});
}

}  // namespace goemu::emu::testing
