// The sequences go_idioms.h runs as one handler each inside a block: Go's stack-bound check
// (MOV the g from fs:-8, CMP SP with g.stackguard0, JBE to morestack), its frame setup (SUB
// SP; save BP; LEA BP) and teardown (restore BP; ADD SP), and a compare with the Jcc after
// it. Each case runs the same code threaded (blocks) and one step at a time (each
// instruction's own handler), and requires the same registers, flags, memory and retired
// count; with an observer, the same reports as the instructions' own handlers give.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "emulator/block.h"
#include "emulator/decode_cache.h"
#include "emulator/decoder.h"
#include "emulator/go_idioms.h"
#include "tests/emulator/guest.h"
#include "tests/emulator/quiet_watcher.h"

namespace goemu::emu::testing {
namespace {

constexpr uint64_t kG = kData + 0x800;  // the g; its stackguard0 at +16

//  0: mov rcx, fs:[-8]   9: cmp <compared>, [rcx+0x10]   13: jbe 25
// 15: mov eax, 1        20: jmp kFar
// 25: mov eax, 2        30: jmp kFar
std::string Check(std::string_view compare = "483b6110") {
  return fmt::format("64488b0c25f8ffffff {} 760a b801000000 {} b802000000 {}", compare, JmpFar(kText + 20),
                     JmpFar(kText + 30));
}

constexpr uint64_t kCallersBp = 0x1122334455667788;
constexpr uint64_t kBpSlot = kStackTop - 8;  // Frame's: SP - 0x18 + 0x10

//  0: sub rsp, 0x18   4: mov [rsp+0x10], rbp   9: lea rbp, [rsp+0x10]   14: mov rax, rbp
// 17: mov rbp, [rsp+0x10]   22: add rsp, 0x18   26: jmp kFar
std::string Frame(std::string_view save = "48896c2410", std::string_view lea = "488d6c2410") {
  return fmt::format("4883ec18 {} {} 4889e8 488b6c2410 4883c418 {}", save, lea, JmpFar(kText + 26));
}

void SetUp(Guest& g, uint64_t guard, uint64_t g_address = kG) {
  g.reg(kRbp) = kCallersBp;
  g.cpu().fs_base = kData + 0x100;
  g.Write64(kData + 0xf8, g_address);
  if (g_address == kG) g.Write64(kG + 16, guard);
}

struct Outcome {
  RunResult result;
  CpuState cpu;
  uint64_t retired;
  uint64_t bp_slot = 0;  // where Frame's code saves BP
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
  return {r, g.cpu(), g.machine.retired(), g.Read64(kBpSlot)};
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
      if (r.reason == StopReason::kFault) return {r, g.cpu(), g.machine.retired(), g.Read64(kBpSlot)};
    }
  }
  return {r, g.cpu(), g.machine.retired(), g.Read64(kBpSlot)};
}

void RequireSame(const Outcome& a, const Outcome& b) {
  REQUIRE(a.bp_slot == b.bp_slot);
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

TEST_CASE("Go idioms: the block builder fuses exactly Go's stack-bound check", "[go-idioms]") {
  const Handler fused = FirstHandler(Check());
  REQUIRE(!IsMoveCopy(fused, kLoad64.exec));
  REQUIRE(fused != nullptr);
  // cmp rcx, [rcx+0x10] compares the register just loaded; cmp rsp, [rdx+0x10] reads
  // through another one: neither is the check, each MOV keeps its own handler.
  REQUIRE(IsMoveCopy(FirstHandler(Check("483b4910")), kLoad64.exec));
  REQUIRE(IsMoveCopy(FirstHandler(Check("483b6210")), kLoad64.exec));
}

TEST_CASE("Go idioms: stack check, room on the stack, the branch not taken", "[go-idioms]") {
  const uint64_t guard = kStackBase + 0x1000;  // below SP
  const Outcome threaded = Threaded(Check(), guard);
  REQUIRE(threaded.result.reason == StopReason::kEnd);
  REQUIRE(threaded.retired == 10);  // mov, cmp, jbe, mov, jmp; twice
  REQUIRE(threaded.cpu.gpr[kRax] == 1);
  REQUIRE(threaded.cpu.gpr[kRcx] == kG);
  RequireSame(threaded, Stepped(Check(), guard));
}

TEST_CASE("Go idioms: stack check, SP at or below the guard takes the branch", "[go-idioms]") {
  for (const uint64_t guard : {kStackTop, kStackTop + 8, ~uint64_t{0} - 1000}) {
    const Outcome threaded = Threaded(Check(), guard);
    REQUIRE(threaded.result.reason == StopReason::kEnd);
    REQUIRE(threaded.cpu.gpr[kRax] == 2);
    REQUIRE(threaded.cpu.gpr[kRcx] == kG);
    RequireSame(threaded, Stepped(Check(), guard));
  }
}

TEST_CASE("Go idioms: stack check, a g that is not mapped faults at the CMP", "[go-idioms]") {
  const Outcome threaded = Threaded(Check(), 0, /*g_address=*/0x10);
  REQUIRE(threaded.result.reason == StopReason::kFault);
  REQUIRE(threaded.result.fault->pc == kText + 9);
  REQUIRE(threaded.retired == 1);
  REQUIRE(threaded.cpu.gpr[kRcx] == 0x10);
  RequireSame(threaded, Stepped(Check(), 0, 0x10));
}

TEST_CASE("Go idioms: the block builder fuses the frame setup and teardown", "[go-idioms]") {
  REQUIRE(FirstHandler(Frame()) != kSubRegImm64.exec);
  // BP saved and made from SP; saving another register, or pointing another one at the
  // slot, is not the setup: the SUB keeps its own handler.
  REQUIRE(FirstHandler(Frame("48895c2410")) == kSubRegImm64.exec);  // mov [rsp+0x10], rbx
  REQUIRE(FirstHandler(Frame("48896c2410", "488d5c2410")) == kSubRegImm64.exec);  // lea rbx, [rsp+0x10]
  // The teardown at 17: a block starting there.
  Guest g;
  g.Load(Frame());
  uint64_t link_epoch = 1;
  DecodeCache cache(g.memory, link_epoch);
  REQUIRE(!IsMoveCopy(cache.GetBlock(kText + 17).first->exec, kLoad64.exec));
  REQUIRE(cache.GetBlock(kText + 22).first->exec == kAddRegImm64.exec);
}

TEST_CASE("Go idioms: a frame set up and torn down", "[go-idioms]") {
  const Outcome threaded = Threaded(Frame(), 0);
  REQUIRE(threaded.result.reason == StopReason::kEnd);
  REQUIRE(threaded.retired == 14);  // seven instructions, twice
  REQUIRE(threaded.cpu.gpr[kRax] == kBpSlot);
  REQUIRE(threaded.cpu.gpr[kRbp] == kCallersBp);
  REQUIRE(threaded.cpu.gpr[kRsp] == kStackTop);
  REQUIRE(threaded.bp_slot == kCallersBp);
  RequireSame(threaded, Stepped(Frame(), 0));
}

namespace {

//  0: sub rsp, 8, then Frame's code from 4 (sub 4, save 8, lea 13, mov rax 18, restore 21,
// add 26), 30: add rsp, 8   34: jmp kFar
std::string FramedAdjusts() {
  return fmt::format("4883ec08 4883ec18 48896c2410 488d6c2410 4889e8 488b6c2410 4883c418 4883c408 {}",
                     JmpFar(kText + 34));
}

}  // namespace

TEST_CASE("Go idioms: quiet SP adjustments in a frame's setup and teardown", "[go-idioms][quiet]") {
  Guest g;
  QuietWatcher w;
  std::vector<uint64_t> expected;
  SECTION("every SP in the quiet range: only the first, before the observer is current") {
    w.list.quiet_sp = WatchRange{kStackBase, kStackSize};
    expected = {kText};
  }
  SECTION("only the outer frame's SP in it: the setup's SUB and the last ADD are reported") {
    w.list.quiet_sp = WatchRange{kStackTop - 8, 1};
    expected = {kText, kText + 4, kText + 30};
  }
  SECTION("a watched BP slot: the store is reported") {
    w.list.quiet_sp = WatchRange{kStackBase, kStackSize};
    w.list.ranges[0] = WatchRange::Covering(kStackTop - 16, kStackTop - 8);
    // The machine steps the rest of the block from the watched store on, and stepping
    // reports quiet instructions too (quiet_test.cpp).
    expected = {kText, kText + 8, kText + 26, kText + 30};
  }
  g.machine.SetObserver(&w);
  g.Load(FramedAdjusts());
  g.reg(kRbp) = kCallersBp;
  for (int pass = 0; pass < 2; ++pass) {  // the second with the TLB filled
    w.seen.clear();
    g.cpu().rip = kText;
    REQUIRE(g.RunToFar().reason == StopReason::kEnd);
    REQUIRE(w.seen == expected);
    REQUIRE(g.reg(kRax) == kStackTop - 16);
    REQUIRE(g.reg(kRbp) == kCallersBp);
    REQUIRE(g.reg(kRsp) == kStackTop);
    REQUIRE(g.Read64(kStackTop - 16) == kCallersBp);
  }
}

namespace {

// 0: the compare (length bytes)   then: jcc +10   mov ecx, 1   jmp kFar   mov ecx, 2   jmp kFar
std::string CompareThenBranch(std::string_view compare, size_t length, unsigned cond) {
  return fmt::format("{} {:02x}0a b901000000 {} b902000000 {}", compare, 0x70 + cond, JmpFar(kText + length + 7),
                     JmpFar(kText + length + 17));
}

// The compare's own handler: what the block builder binds it to when no Jcc follows.
Handler OwnHandler(std::string_view compare, size_t length) {
  return FirstHandler(fmt::format("{} 90 {}", compare, JmpFar(kText + length + 1)));
}

// Runs the code twice from kText (the second time with the TLB filled, so that a memory
// compare takes the fused handler's fast path) with rax = a, rbx = kData, [kData + 8] = b.
Outcome RunCompare(std::string_view code, uint64_t a, uint64_t b, bool stepped) {
  Guest g;
  g.Load(code);
  g.Write64(kData + 8, b);
  RunResult r;
  for (int pass = 0; pass < 2; ++pass) {
    g.cpu().rip = kText;
    g.reg(kRax) = a;
    g.reg(kRbx) = kData;
    g.reg(kRcx) = 0;
    if (stepped) {
      for (int i = 0; i < 10 && g.cpu().rip != kFar; ++i) r = g.machine.Run(RunOptions{.max_steps = 1, .stop_at = kFar});
    } else {
      r = g.RunToFar();
    }
  }
  return {r, g.cpu(), g.machine.retired(), 0};
}

}  // namespace

TEST_CASE("Go idioms: a compare and the Jcc after it, every condition", "[go-idioms]") {
  struct Form {
    const char* bytes;
    size_t length;
  };
  const Form forms[] = {
      {"483b4308", 4},        // cmp rax, [rbx+8]
      {"48394308", 4},        // cmp [rbx+8], rax
      {"48837b0805", 5},      // cmp qword [rbx+8], 5
      {"4883f8ff", 4},        // cmp rax, -1
      {"483b0424", 4},        // cmp rax, [rsp]: the stack check's form, not followed by its JBE
      {"3b4308", 3},          // cmp eax, [rbx+8]
      {"39d8", 2},            // cmp eax, ebx
      {"83f805", 3},          // cmp eax, 5
      {"837b08ff", 4},        // cmp dword [rbx+8], -1
      {"807b0880", 4},        // cmp byte [rbx+8], 0x80
      {"4885c0", 3},          // test rax, rax
      {"85d8", 2},            // test eax, ebx
      {"a900100000", 5},      // test eax, 0x1000
      {"48f7430801000000", 8},  // test qword [rbx+8], 1
      {"f6430880", 4},        // test byte [rbx+8], 0x80
  };
  const uint64_t values[] = {0, 1, 5, 7, 0x80, 0x1000, ~uint64_t{0}, uint64_t{1} << 63, (uint64_t{1} << 63) - 1,
                             0xffffffff, 0x80000000};
  int taken = 0;
  for (const Form& form : forms) {
    for (unsigned cond = 0; cond < 16; ++cond) {
      const std::string code = CompareThenBranch(form.bytes, form.length, cond);
      REQUIRE(FirstHandler(code) != OwnHandler(form.bytes, form.length));
      for (const uint64_t a : values) {
        for (const uint64_t b : values) {
          const Outcome threaded = RunCompare(code, a, b, false);
          REQUIRE(threaded.result.reason == StopReason::kEnd);
          REQUIRE(threaded.retired == 8);
          RequireSame(threaded, RunCompare(code, a, b, true));
          taken += threaded.cpu.gpr[kRcx] == 2;
        }
      }
    }
  }
  REQUIRE(taken > 0);
  REQUIRE(taken < 15 * 16 * 121);
}

}  // namespace goemu::emu::testing
