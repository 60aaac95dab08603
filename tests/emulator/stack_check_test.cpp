// Go's stack-bound check (MOV the g from fs:-8, CMP SP with g.stackguard0, JBE to morestack)
// runs as one handler inside a block (stack_check.h). Each case runs the same code threaded
// (blocks) and one step at a time (each instruction's own handler), and requires the same
// registers, flags and retired count.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "emulator/block.h"
#include "emulator/decode_cache.h"
#include "emulator/decoder.h"
#include "emulator/stack_check.h"
#include "tests/emulator/guest.h"

namespace goemu::emu::testing {
namespace {

constexpr uint64_t kG = kData + 0x800;  // the g; its stackguard0 at +16

std::string JmpFar(uint64_t at) {
  const auto rel = static_cast<uint32_t>(kFar - (at + 5));
  return fmt::format("e9{:02x}{:02x}{:02x}{:02x}", rel & 0xff, (rel >> 8) & 0xff, (rel >> 16) & 0xff, rel >> 24);
}

//  0: mov rcx, fs:[-8]   9: cmp <compared>, [rcx+0x10]   13: jbe 25
// 15: mov eax, 1        20: jmp kFar
// 25: mov eax, 2        30: jmp kFar
std::string Check(std::string_view compare = "483b6110") {
  return fmt::format("64488b0c25f8ffffff {} 760a b801000000 {} b802000000 {}", compare, JmpFar(kText + 20),
                     JmpFar(kText + 30));
}

void SetUp(Guest& g, uint64_t guard, uint64_t g_address = kG) {
  g.cpu().fs_base = kData + 0x100;
  g.Write64(kData + 0xf8, g_address);
  if (g_address == kG) g.Write64(kG + 16, guard);
}

struct Outcome {
  RunResult result;
  CpuState cpu;
  uint64_t retired;
};

// Each runs the code twice from kText (unless it faults): the first run fills the TLB,
// whose misses the fused handler leaves to the MOV's own, so the second is the fused one's.
Outcome Threaded(std::string_view code, uint64_t guard, uint64_t g_address = kG) {
  Guest g;
  g.Load(code);
  SetUp(g, guard, g_address);
  RunResult r = g.RunToFar();
  if (r.reason == StopReason::kEnd) {
    g.cpu().rip = kText;
    r = g.RunToFar();
  }
  return {r, g.cpu(), g.machine.retired()};
}

Outcome Stepped(std::string_view code, uint64_t guard, uint64_t g_address = kG) {
  Guest g;
  g.Load(code);
  SetUp(g, guard, g_address);
  RunResult r;
  for (int pass = 0; pass < 2; ++pass) {
    g.cpu().rip = kText;
    for (int i = 0; i < 10 && g.cpu().rip != kFar; ++i) {
      r = g.machine.Run(RunOptions{.max_steps = 1, .stop_at = kFar});
      if (r.reason == StopReason::kFault) return {r, g.cpu(), g.machine.retired()};
    }
  }
  return {r, g.cpu(), g.machine.retired()};
}

void RequireSame(const Outcome& a, const Outcome& b) {
  REQUIRE(a.result.reason == b.result.reason);
  REQUIRE(a.retired == b.retired);
  REQUIRE(a.cpu.rip == b.cpu.rip);
  REQUIRE(a.cpu.rflags == b.cpu.rflags);
  for (int r = 0; r < kGprCount; ++r) REQUIRE(a.cpu.gpr[r] == b.cpu.gpr[r]);
}

// The first record's handler in the block the cache builds for code at kText.
Handler FirstHandler(std::string_view code) {
  Guest g;
  g.Load(code);
  uint64_t link_epoch = 1;
  DecodeCache cache(g.memory, link_epoch);
  return cache.GetBlock(kText).first->exec;
}

}  // namespace

TEST_CASE("Stack check: the block builder fuses exactly Go's three instructions", "[stack-check]") {
  const Handler fused = FirstHandler(Check());
  REQUIRE(fused != kLoad64.exec);
  REQUIRE(fused != nullptr);
  // cmp rcx, [rcx+0x10] compares the register just loaded; cmp rsp, [rdx+0x10] reads
  // through another one: neither is the check, each MOV keeps its own handler.
  REQUIRE(FirstHandler(Check("483b4910")) == kLoad64.exec);
  REQUIRE(FirstHandler(Check("483b6210")) == kLoad64.exec);
}

TEST_CASE("Stack check: room on the stack, the branch not taken", "[stack-check]") {
  const uint64_t guard = kStackBase + 0x1000;  // below SP
  const Outcome threaded = Threaded(Check(), guard);
  REQUIRE(threaded.result.reason == StopReason::kEnd);
  REQUIRE(threaded.retired == 10);  // mov, cmp, jbe, mov, jmp; twice
  REQUIRE(threaded.cpu.gpr[kRax] == 1);
  REQUIRE(threaded.cpu.gpr[kRcx] == kG);
  RequireSame(threaded, Stepped(Check(), guard));
}

TEST_CASE("Stack check: SP at or below the guard takes the branch", "[stack-check]") {
  for (const uint64_t guard : {kStackTop, kStackTop + 8, ~uint64_t{0} - 1000}) {
    const Outcome threaded = Threaded(Check(), guard);
    REQUIRE(threaded.result.reason == StopReason::kEnd);
    REQUIRE(threaded.cpu.gpr[kRax] == 2);
    REQUIRE(threaded.cpu.gpr[kRcx] == kG);
    RequireSame(threaded, Stepped(Check(), guard));
  }
}

TEST_CASE("Stack check: a g that is not mapped faults at the CMP", "[stack-check]") {
  const Outcome threaded = Threaded(Check(), 0, /*g_address=*/0x10);
  REQUIRE(threaded.result.reason == StopReason::kFault);
  REQUIRE(threaded.result.fault->pc == kText + 9);
  REQUIRE(threaded.retired == 1);
  REQUIRE(threaded.cpu.gpr[kRcx] == 0x10);
  RequireSame(threaded, Stepped(Check(), 0, 0x10));
}

}  // namespace goemu::emu::testing
