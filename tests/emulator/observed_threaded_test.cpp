// Observed instructions inside threaded blocks (ObservedThreaded, threaded.h):
// a block built for an observer runs at full speed and tells the observer of
// the instructions it asked for from inside the block. What the observer is
// told (the instruction, the retired count, rip, the registers) must be what
// it is told when the machine steps one instruction at a time.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

struct Told {
  RetiredInsn insn;
  uint64_t retired;
  uint64_t rip;
  uint64_t rcx;
};

struct ToldRecorder : ExecutionObserver {
  uint32_t want;
  std::vector<Told> told;
  explicit ToldRecorder(uint32_t w) : want(w) {}
  uint32_t interest() const override { return want; }
  void OnRetired(Machine& m, const RetiredInsn& insn) override {
    told.push_back(Told{insn, m.retired(), m.cpu().rip, m.gpr()[kRcx]});
  }
};

// A loop calling a function on the same page, so the block at 5 runs through
// the CALL (a call-through record) into the function and ends at its RET.
constexpr const char* kLoop =
    "b903000000"  //  0: mov ecx, 3
    "e80a000000"  //  5: call 20
    "ffc9"        // 10: dec ecx
    "75f7"        // 12: jnz 5
    "eb0e"        // 14: jmp 30
    "90909090"    // 16: padding
    "4883ec08"    // 20: sub rsp, 8
    "4883c408"    // 24: add rsp, 8
    "c3"          // 28: ret
    "90";         // 29: padding; 30: end

// Everything but stores: an observer of kClassMemWrite gets its blocks stepped.
constexpr uint32_t kAllButStores = kClassAll & ~kClassMemWrite;

std::vector<Told> RunWhole(std::string_view code, uint32_t interest, RunResult* result = nullptr) {
  Guest g;
  ToldRecorder rec(interest);
  g.machine.SetObserver(&rec);
  g.Load(code);
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 1000, .stop_at = kText + 30});
  if (result != nullptr) *result = r;
  return rec.told;
}

std::vector<Told> RunByStep(std::string_view code, uint32_t interest, RunResult* result = nullptr) {
  Guest g;
  ToldRecorder rec(interest);
  g.machine.SetObserver(&rec);
  g.Load(code);
  for (int i = 0; i < 1000 && g.cpu().rip != kText + 30; ++i) {
    if (auto r = g.machine.Step()) {
      if (result != nullptr) *result = *r;
      break;
    }
  }
  return rec.told;
}

void RequireSame(const std::vector<Told>& a, const std::vector<Told>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("observation " << i << " at pc 0x" << std::hex << a[i].insn.pc);
    REQUIRE(a[i].insn.pc == b[i].insn.pc);
    REQUIRE(a[i].insn.next_pc == b[i].insn.next_pc);
    REQUIRE(a[i].insn.length == b[i].insn.length);
    REQUIRE(a[i].insn.classes == b[i].insn.classes);
    REQUIRE(a[i].insn.rsp_before == b[i].insn.rsp_before);
    REQUIRE(a[i].insn.write_size == b[i].insn.write_size);
    REQUIRE(a[i].retired == b[i].retired);
    REQUIRE(a[i].rip == b[i].rip);
    REQUIRE(a[i].rcx == b[i].rcx);
  }
}

}  // namespace

TEST_CASE("An observer is told the same from a threaded block as when stepping", "[observer]") {
  SECTION("every instruction") {
    const auto whole = RunWhole(kLoop, kAllButStores);
    RequireSame(whole, RunByStep(kLoop, kAllButStores));
    // mov; then three rounds of call, sub, add, ret, dec, jnz; then jmp.
    REQUIRE(whole.size() == 1 + 3 * 6 + 1);
    for (size_t i = 0; i < whole.size(); ++i) REQUIRE(whole[i].retired == i + 1);
  }
  SECTION("calls, returns and stack writes") {
    const auto whole = RunWhole(kLoop, kClassCall | kClassRet | kClassStackWrite);
    RequireSame(whole, RunByStep(kLoop, kClassCall | kClassRet | kClassStackWrite));
    REQUIRE(whole.size() == 3 * 4);
    // The call through to 20 in the middle of its block: rip is the callee's
    // entry, the return address is pushed, the count is the call's own.
    REQUIRE(whole[0].insn.pc == kText + 5);
    REQUIRE(whole[0].insn.next_pc == kText + 20);
    REQUIRE(whole[0].rip == kText + 20);
    REQUIRE(whole[0].retired == 2);
    REQUIRE(whole[0].insn.rsp_before == kStackTop);
    // The ret leaves the block's path for the return address.
    REQUIRE(whole[3].insn.pc == kText + 28);
    REQUIRE(whole[3].insn.next_pc == kText + 10);
    REQUIRE(whole[3].retired == 5);
    REQUIRE(whole[3].rcx == 3);
    REQUIRE(whole[11].rcx == 1);
  }
  SECTION("conditional branches, taken and not") {
    const auto whole = RunWhole(kLoop, kClassCondBranch);
    RequireSame(whole, RunByStep(kLoop, kClassCondBranch));
    REQUIRE(whole.size() == 3);
    REQUIRE(whole[0].insn.next_pc == kText + 5);
    REQUIRE(whole[2].insn.next_pc == kText + 14);
    REQUIRE(whole[2].retired == 1 + 3 * 6);
  }
}

TEST_CASE("An observed instruction that faults is not told, and leaves exact state", "[observer]") {
  // 0: mov rsp, rbx (observed); 3: sub rsp, 8 (observed); 7: ret from an unmapped
  // stack; 8: padding to 30.
  const std::string code = "4889dc 4883ec08 c3" + std::string(22 * 2, '9');
  auto run = [&](bool stepping) {
    Guest g;
    ToldRecorder rec(kClassStackWrite | kClassRet);
    g.machine.SetObserver(&rec);
    g.Load(code);
    g.reg(kRbx) = 0x10008;  // unmapped
    RunResult r{StopReason::kEnd};
    if (stepping) {
      for (int i = 0; i < 10; ++i) {
        if (auto stop = g.machine.Step()) {
          r = *stop;
          break;
        }
      }
    } else {
      r = g.machine.Run(RunOptions{.max_steps = 1000, .stop_at = kText + 30});
    }
    REQUIRE(r.reason == StopReason::kFault);
    REQUIRE(r.fault->pc == kText + 7);
    REQUIRE(g.cpu().rip == kText + 7);
    REQUIRE(g.reg(kRsp) == 0x10000);
    REQUIRE(g.machine.retired() == 2);
    return rec.told;
  };
  const auto whole = run(false);
  RequireSame(whole, run(true));
  REQUIRE(whole.size() == 2);
  REQUIRE(whole[1].insn.pc == kText + 3);
  REQUIRE(whole[1].retired == 2);
}

}  // namespace goemu::emu::testing
