// The block path of the run loop (decode_cache.h): a taken Jcc leaving a
// block early, blocks that run through a direct CALL, faults, budgets and
// single steps in the middle of a block, and code overwritten later in the
// block that is storing to it. Each program ends with a JMP to another page
// and runs to that address, so the stop address lies outside the blocks and
// they run whole (the fixture's usual stop right after the code would make
// the run loop step through them one instruction at a time).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

// 0: mov ecx, 5   5: dec ecx   7: jnz 5   9: jmp kFar
std::string CountdownLoop() { return "b905000000 ffc9 75fc " + JmpFar(kText + 9); }

}  // namespace

TEST_CASE("Blocks: a taken Jcc leaves the block; only what ran retires", "[block]") {
  Guest g;
  g.Load(CountdownLoop());
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 1 + 5 * 2 + 1);
  REQUIRE(g.machine.retired() == 12);
  REQUIRE(g.reg(kRcx) == 0);
  REQUIRE(g.cpu().rip == kFar);
}

TEST_CASE("Blocks: the step budget can end a run inside a block", "[block]") {
  Guest g;
  g.Load(CountdownLoop());
  const RunResult r = g.RunToFar(3);  // mov, dec, jnz (taken)
  REQUIRE(r.reason == StopReason::kMaxSteps);
  REQUIRE(r.steps == 3);
  REQUIRE(g.reg(kRcx) == 4);
  REQUIRE(g.cpu().rip == kText + 5);
  const RunResult rest = g.RunToFar();
  REQUIRE(rest.steps == 9);
  REQUIRE(g.reg(kRcx) == 0);
}

TEST_CASE("Blocks: single steps follow a Jcc and a CALL inside a block", "[block]") {
  Guest g;
  // 0: call 10   5: jmp kFar   10: inc rax   13: ret
  g.Load("e805000000 " + JmpFar(kText + 5) + " 48ffc0 c3");
  const uint64_t expected_rip[] = {kText + 10, kText + 13, kText + 5, kFar};
  for (uint64_t rip : expected_rip) {
    REQUIRE_FALSE(g.machine.Step());
    REQUIRE(g.cpu().rip == rip);
  }
  REQUIRE(g.reg(kRax) == 1);
  REQUIRE(g.reg(kRsp) == kStackTop);
  Guest h;
  h.Load(CountdownLoop());
  const uint64_t loop_rip[] = {kText + 5, kText + 7, kText + 5};
  for (uint64_t rip : loop_rip) {
    REQUIRE_FALSE(h.machine.Step());
    REQUIRE(h.cpu().rip == rip);
  }
  REQUIRE(h.reg(kRcx) == 4);
}

TEST_CASE("Blocks: a fault in a called function, in the caller's block", "[block]") {
  Guest g;
  // 0: call 10   5: jmp kFar   10: mov rax, [0] (unmapped)
  g.Load("e805000000 " + JmpFar(kText + 5) + " 488b042500000000");
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kFault);
  REQUIRE(r.fault->kind == FaultKind::kUnmappedRead);
  REQUIRE(r.fault->pc == kText + 10);
  REQUIRE(r.steps == 1);
  REQUIRE(g.machine.retired() == 1);
  REQUIRE(g.cpu().rip == kText + 10);
  REQUIRE(g.reg(kRsp) == kStackTop - 8);
  REQUIRE(g.Read64(kStackTop - 8) == kText + 5);  // the CALL's return address
}

TEST_CASE("Blocks: a recursive CALL runs through, RET returns to each caller", "[block]") {
  Guest g;
  // sum(rdi) = rdi + sum(rdi - 1), sum(0) = 0, called with rdi = 10:
  //  0: mov edi, 10      5: call 15    10: jmp kFar
  // 15: test rdi, rdi   18: jz 34     20: push rdi    21: dec rdi
  // 24: call 15         29: pop rdi   30: add rax, rdi  33: ret
  // 34: xor eax, eax    36: ret
  g.Load("bf0a000000 e805000000 " + JmpFar(kText + 10) +
         " 4885ff 740e 57 48ffcf e8f2ffffff 5f 4801f8 c3 31c0 c3");
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(g.reg(kRax) == 55);
  REQUIRE(g.reg(kRsp) == kStackTop);
  // mov, call, jmp; 10 levels of test/jz/push/dec/call/pop/add/ret; the base case's test/jz/xor/ret.
  REQUIRE(r.steps == 3 + 10 * 8 + 4);
}

TEST_CASE("Blocks: a store to a later instruction of the running block is seen", "[block]") {
  Guest g;
  constexpr uint64_t kRwx = 0x800000;
  REQUIRE(g.memory.Map(kRwx, 2 * kPageSize, kPermRead | kPermWrite | kPermExec, "jit"));
  // 0: mov byte ptr [rip+1], 7   (the immediate of the next instruction)
  // 7: mov al, 1                 -> mov al, 7
  // 9: jmp kRwx + 0x1000
  const auto code = Hex("c6050100000007 b001 e9f20f0000");
  REQUIRE(g.memory.Poke(kRwx, code.data(), code.size()));
  g.cpu().rip = kRwx;
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 100, .stop_at = kRwx + kPageSize});
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(g.reg(kRax) == 7);  // a stale block would give 1
  REQUIRE(r.steps == 3);
  REQUIRE(g.machine.retired() == 3);
}

}  // namespace goemu::emu::testing
