// Watched address ranges (emulator/watch.h): an observer hears of the stores
// that hit them and of no others, whether the block ran at full speed (the
// machine stops before the store and steps through the instruction) or was
// stepped anyway; the instruction that stopped runs exactly once.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

// Watches the bytes [lo, hi) exactly; records what it is told.
struct SlotWatcher : ExecutionObserver {
  uint32_t want = 0;
  uint64_t lo = 0, hi = 0;
  WatchList list;
  struct Seen {
    RetiredInsn insn;
    uint64_t retired;
    uint64_t rsp;
  };
  std::vector<Seen> seen;

  SlotWatcher(uint32_t interest, uint64_t from, uint64_t to) : want(interest) { Watch(from, to); }
  void Watch(uint64_t from, uint64_t to) {
    lo = from;
    hi = to;
    list.ranges[0] = WatchRange::Covering(from, to);
  }
  uint32_t interest() const override { return want; }
  const WatchList* watched() const override { return &list; }
  bool Watches(uint64_t addr, uint32_t size) const override { return addr < hi && addr + size > lo; }
  void OnRetired(Machine& m, const RetiredInsn& insn) override {
    seen.push_back(Seen{insn, m.retired(), m.cpu().gpr[kRsp]});
  }
};

constexpr uint64_t kSlots = kData + 0x100;

// Four stores in one block and nothing an observer class would stop at:
//  0: mov [rbx], rax; 3: mov [rbx+8], rcx; 7: add qword [rbx+16], 5;
// 12: mov [rbx+24], rdx; 16: inc rsi; 19: end
constexpr const char* kStores = "488903 48894b08 4883431005 48895318 48ffc6";

void Setup(Guest& g) {
  g.reg(kRbx) = kSlots;
  g.reg(kRax) = 0xa;
  g.reg(kRcx) = 0xc;
  g.reg(kRdx) = 0xd;
  g.Write64(kSlots + 16, 100);
}

}  // namespace

TEST_CASE("A watched store in a full-speed block is reported once, after it retires", "[observer][watch]") {
  Guest g;
  Setup(g);
  SlotWatcher w(kClassNone, kSlots + 16, kSlots + 24);
  g.machine.SetObserver(&w);
  g.Load(kStores);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen.size() == 1);
  const auto& s = w.seen[0];
  REQUIRE(s.insn.pc == kText + 7);
  REQUIRE(s.insn.next_pc == kText + 12);
  REQUIRE(s.insn.write_addr == kSlots + 16);
  REQUIRE(s.insn.write_size == 8);
  REQUIRE(s.retired == 3);  // the two stores before it and itself
  // The ADD ran once, and the block went on after it.
  REQUIRE(g.Read64(kSlots + 16) == 105);
  REQUIRE(g.Read64(kSlots) == 0xa);
  REQUIRE(g.Read64(kSlots + 8) == 0xc);
  REQUIRE(g.Read64(kSlots + 24) == 0xd);
  REQUIRE(g.reg(kRsi) == 1);
  REQUIRE(g.machine.retired() == 5);
}

TEST_CASE("Stores next to a watched range, or that Watches refuses, are not reported", "[observer][watch]") {
  Guest g;
  Setup(g);
  SECTION("the prefilter passes them, the exact test does not") {
    SlotWatcher w(kClassNone, kSlots + 32, kSlots + 40);  // the last store ends where it begins
    g.machine.SetObserver(&w);
    g.Load(kStores);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(w.seen.empty());
  }
  SECTION("a store overlapping the range's last byte is reported") {
    SlotWatcher w(kClassNone, kSlots + 6, kSlots + 9);  // the second store covers [rbx+8, rbx+16)
    g.machine.SetObserver(&w);
    g.Load(kStores);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(w.seen.size() == 2);
    REQUIRE(w.seen[0].insn.pc == kText);
    REQUIRE(w.seen[1].insn.pc == kText + 3);
    REQUIRE(w.seen[1].insn.write_addr == kSlots + 8);
  }
  SECTION("ranges changed after SetObserver count from the next store") {
    SlotWatcher w(kClassNone, 0, 0);
    g.machine.SetObserver(&w);
    w.Watch(kSlots + 24, kSlots + 32);
    g.Load(kStores);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(w.seen.size() == 1);
    REQUIRE(w.seen[0].insn.pc == kText + 12);
  }
}

TEST_CASE("Stores whose last byte lies in the unwatched range pass no prefilter", "[observer][watch]") {
  Guest g;
  Setup(g);
  SlotWatcher w(kClassNone, kSlots, kSlots + 32);  // every one of the four stores
  // Last bytes kSlots + 7 .. kSlots + 15: the stores to [rbx] and [rbx+8], not the ADD to
  // [rbx+16] (its last byte is one past the range).
  w.list.unwatched = WatchRange{kSlots + 7, 9};
  g.machine.SetObserver(&w);
  g.Load(kStores);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen.size() == 2);
  REQUIRE(w.seen[0].insn.pc == kText + 7);
  REQUIRE(w.seen[0].insn.write_addr == kSlots + 16);
  REQUIRE(w.seen[1].insn.pc == kText + 12);
  REQUIRE(g.Read64(kSlots + 16) == 105);
  REQUIRE(g.reg(kRsi) == 1);
}

TEST_CASE("A block stepped for the observer reports its watched stores with its classes", "[observer][watch]") {
  Guest g;
  // 0: call 5; 5: mov [rsp], rax (rewrites the return address); 9: add rsp, 8; 13: end
  g.Load("e800000000 48890424 4883c408");
  g.reg(kRax) = 0x1234;
  SlotWatcher w(kClassCall, kStackTop - 8, kStackTop);
  g.machine.SetObserver(&w);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen.size() == 2);
  // The CALL is seen for its class and for its push into the slot.
  REQUIRE(w.seen[0].insn.pc == kText);
  REQUIRE((w.seen[0].insn.classes & kClassCall) != 0);
  REQUIRE(w.seen[0].insn.write_addr == kStackTop - 8);
  REQUIRE(w.seen[1].insn.pc == kText + 5);
  REQUIRE(w.seen[1].insn.write_size == 8);
  REQUIRE(w.seen[1].retired == 2);
  REQUIRE(w.seen[1].rsp == kStackTop - 8);
  REQUIRE(g.Read64(kStackTop - 8) == 0x1234);
}

TEST_CASE("A string instruction stopped in the middle finishes exactly once", "[observer][watch]") {
  Guest g;
  // 0: rep stosq (rcx = 4 qwords from rdi); 3: inc rsi; 6: end
  g.Load("f348ab 48ffc6");
  g.reg(kRdi) = kSlots;
  g.reg(kRcx) = 4;
  g.reg(kRax) = 0x77;
  SlotWatcher w(kClassNone, kSlots + 16, kSlots + 24);  // the third iteration's qword
  g.machine.SetObserver(&w);
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen.size() == 1);
  REQUIRE(w.seen[0].insn.pc == kText);
  REQUIRE(w.seen[0].insn.write_addr == kSlots + 16);
  REQUIRE(w.seen[0].retired == 1);
  for (int i = 0; i < 4; ++i) REQUIRE(g.Read64(kSlots + 8 * i) == 0x77);
  REQUIRE(g.Read64(kSlots + 32) == 0);
  REQUIRE(g.reg(kRcx) == 0);
  REQUIRE(g.reg(kRdi) == kSlots + 32);
  REQUIRE(g.reg(kRsi) == 1);
  REQUIRE(g.machine.retired() == 2);
}

TEST_CASE("Single steps and an observer of every store see watched stores too", "[observer][watch]") {
  SECTION("Machine::Step") {
    Guest g;
    Setup(g);
    SlotWatcher w(kClassNone, kSlots + 16, kSlots + 24);
    g.machine.SetObserver(&w);
    g.Load(kStores);
    for (int i = 0; i < 5; ++i) REQUIRE_FALSE(g.machine.Step());
    REQUIRE(w.seen.size() == 1);
    REQUIRE(w.seen[0].insn.pc == kText + 7);
    REQUIRE(g.Read64(kSlots + 16) == 105);
  }
  SECTION("kClassMemWrite overrides the list: every store, first address of each") {
    Guest g;
    Setup(g);
    SlotWatcher w(kClassMemWrite, kSlots + 16, kSlots + 24);
    g.machine.SetObserver(&w);
    g.Load(kStores);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(w.seen.size() == 4);
    for (int i = 0; i < 4; ++i) REQUIRE(w.seen[i].insn.write_addr == kSlots + 8 * i);
  }
}

TEST_CASE("An observer asking for kClassAll hears every instruction, also those in no class", "[observer]") {
  // Regression: blocks made only of such instructions ran at full speed and stepped blocks
  // reported only class members, so `goemu run --trace=insns` left out plain loads and arithmetic.
  Guest g;
  SlotWatcher w(kClassAll, 0, 0);
  g.machine.SetObserver(&w);
  // 0: inc rsi; 3: mov rax, rbx; 6: add rcx, rdx; 9: end
  g.Load("48ffc6 4889d8 4801d1");
  REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
  REQUIRE(w.seen.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(w.seen[i].insn.pc == kText + 3 * i);
    CHECK(w.seen[i].insn.next_pc == kText + 3 * (i + 1));
    CHECK(w.seen[i].retired == i + 1);
  }
}

}  // namespace goemu::emu::testing
