// Linked blocks (emulator/block.h): a block's exit goes straight on into the
// block that ran after it last time. What a chain of linked blocks must still
// honour: the step budget to the instruction, a fault's exact state and
// count, RDTSC's count, a stop address or an observer that a later Run
// brings (links made without them must not skip them), and code rewritten
// after it was linked.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "emulator/block.h"
#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

// rel32 of a CALL/JMP at `at` (5 bytes long) to target, as little-endian hex.
std::string Rel32(uint64_t at, uint64_t target) {
  const auto rel = static_cast<uint32_t>(target - (at + 5));
  return fmt::format("{:02x}{:02x}{:02x}{:02x}", rel & 0xff, (rel >> 8) & 0xff, (rel >> 16) & 0xff, rel >> 24);
}

// sum(10) (recursive, as in block_test.cpp) called 50 times:
//  0: mov ecx, 50     5: mov edi, 10    10: call 24    15: dec ecx    17: jnz 5
// 19: jmp kFar
// 24: test rdi, rdi  27: jz 43         29: push rdi   30: dec rdi    33: call 24
// 38: pop rdi        39: add rax, rdi  42: ret        43: xor eax, eax   45: ret
std::string SumLoop() {
  return "b932000000 bf0a000000 e809000000 ffc9 75f2 e9" + Rel32(kText + 19, kFar) +
         " 4885ff 740e 57 48ffcf e8f2ffffff 5f 4801f8 c3 31c0 c3";
}
constexpr uint64_t kAddRaxRdi = kText + 39;
// mov ecx; 50 x (mov edi, call, 10 levels of 8, the base case's 4, dec, jnz); jmp.
constexpr uint64_t kSumLoopSteps = 1 + 50 * (2 + 10 * 8 + 4 + 2) + 1;

struct RetCounter : ExecutionObserver {
  uint64_t rets = 0;
  uint32_t interest() const override { return kClassRet; }
  void OnRetired(Machine&, const RetiredInsn&) override { ++rets; }
};

}  // namespace

TEST_CASE("Block links: the whole loop runs as one run would", "[block][link]") {
  Guest g;
  g.Load(SumLoop());
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == kSumLoopSteps);
  REQUIRE(g.machine.retired() == kSumLoopSteps);
  REQUIRE(g.reg(kRax) == 55);
  REQUIRE(g.reg(kRcx) == 0);
  REQUIRE(g.reg(kRsp) == kStackTop);
}

TEST_CASE("Block links: a chain stops at the step budget to the instruction", "[block][link]") {
  const uint64_t budget = GENERATE(as<uint64_t>{}, 7, 63, 64, 65, 100, 1023, 1024, 1025, 3000);
  Guest g;
  g.Load(SumLoop());
  uint64_t total = 0;
  while (true) {
    const RunResult r = g.RunToFar(budget);
    total += r.steps;
    if (r.reason == StopReason::kEnd) break;
    REQUIRE(r.reason == StopReason::kMaxSteps);
    REQUIRE(r.steps == budget);
    REQUIRE(g.machine.retired() == total);
  }
  REQUIRE(total == kSumLoopSteps);
  REQUIRE(g.machine.retired() == kSumLoopSteps);
  REQUIRE(g.reg(kRax) == 55);
  REQUIRE(g.reg(kRsp) == kStackTop);
}

TEST_CASE("Block links: a fault inside a chain reports its own pc and the exact count", "[block][link]") {
  Guest g;
  //  0: mov ecx, 50   5: mov rax, [rcx*8 + kData - 16]   13: dec ecx   15: jnz 5   17: jmp kFar
  // The load reads kData + 384 down to kData, then kData - 8, which is unmapped,
  // in a block that has been entered through its own link 48 times.
  const auto disp = static_cast<uint32_t>(kData - 16);
  g.Load(fmt::format("b932000000 488b04cd{:02x}{:02x}{:02x}{:02x} ffc9 75f4 e9", disp & 0xff, (disp >> 8) & 0xff,
                     (disp >> 16) & 0xff, disp >> 24) +
         Rel32(kText + 17, kFar));
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kFault);
  REQUIRE(r.fault->kind == FaultKind::kUnmappedRead);
  REQUIRE(r.fault->pc == kText + 5);
  REQUIRE(r.fault->address == kData - 8);
  REQUIRE(r.steps == 1 + 49 * 3);
  REQUIRE(g.machine.retired() == 1 + 49 * 3);
  REQUIRE(g.cpu().rip == kText + 5);
  REQUIRE(g.reg(kRcx) == 1);
}

TEST_CASE("Block links: RDTSC in a loop reads the exact retired count", "[block][link]") {
  Guest g;
  // 0: mov ecx, 20   5: rdtsc   7: dec ecx   9: jnz 5   11: jmp kFar
  g.Load("b914000000 0f31 ffc9 75fa e9" + Rel32(kText + 11, kFar));
  const RunResult r = g.RunToFar();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 1 + 20 * 3 + 1);
  REQUIRE(g.reg(kRax) == 1 + 19 * 3);  // the last rdtsc's count, instructions before it
  REQUIRE(g.reg(kRdx) == 0);
}

TEST_CASE("Block links: a stop address a later run brings is not run past", "[block][link]") {
  // Both guests run 1960 instructions first, to position 22 of iteration 22
  // (see the observer test below), in the descent of sum; the first has made
  // links through the block that holds kAddRaxRdi on the way. The second then steps.
  Guest linked;
  linked.Load(SumLoop());
  REQUIRE(linked.RunToFar(1960).steps == 1960);
  const RunResult r = linked.machine.Run(RunOptions{.stop_at = kAddRaxRdi});
  Guest stepped;
  stepped.Load(SumLoop());
  REQUIRE(stepped.RunToFar(1960).steps == 1960);
  uint64_t steps = 0;
  while (stepped.cpu().rip != kAddRaxRdi) {
    REQUIRE_FALSE(stepped.machine.Step());
    ++steps;
  }
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == steps);
  REQUIRE(linked.cpu().rip == kAddRaxRdi);
  REQUIRE(linked.reg(kRax) == stepped.reg(kRax));
  REQUIRE(linked.reg(kRdi) == stepped.reg(kRdi));
}

TEST_CASE("Block links: an observer set between runs is told of every RET", "[block][link]") {
  Guest g;
  g.Load(SumLoop());
  REQUIRE(g.RunToFar(2000).steps == 2000);
  RetCounter counter;
  g.machine.SetObserver(&counter);
  const RunResult r = g.RunToFar(2000);  // 2000 more: instructions 2001..4000 of the loop
  REQUIRE(r.steps == 2000);
  // Instruction 1 + 88 i + p is position p of iteration i, whose 11 RETs are
  // at positions 55, 58, ..., 85. The first run ended at instruction 1999,
  // position 62 of iteration 22, past 3 of its RETs; the second ends at 3999,
  // position 38 of iteration 45, before its first.
  REQUIRE(counter.rets == 8 + 22 * 11);
  g.machine.SetObserver(nullptr);
}

TEST_CASE("Block links: a linked block rewritten by the guest runs its new code", "[block][link]") {
  Guest g;
  constexpr uint64_t kRwx = 0x800000;
  constexpr uint64_t kF = kRwx + 0x1000;  // f, on the next page: mov eax, 1; ret
  constexpr uint64_t kEnd = kRwx + 0x1800;
  REQUIRE(g.memory.Map(kRwx, 2 * kPageSize, kPermRead | kPermWrite | kPermExec, "jit"));
  //  0: mov ecx, 10    5: call f          10: add rbx, rax   13: cmp ecx, 5   16: jne 25
  // 18: mov byte ptr [rip + 0xfe8], 2     (f + 1: f's immediate, so f returns 2 from now on)
  // 25: dec ecx       27: jnz 5          29: jmp kEnd
  const auto code = Hex("b90a000000 e8" + Rel32(kRwx + 5, kF) + " 4801c3 83f905 7507 c605e80f000002 ffc9 75e8 e9" +
                        Rel32(kRwx + 29, kEnd));
  const auto f = Hex("b801000000 c3");
  REQUIRE(g.memory.Poke(kRwx, code.data(), code.size()));
  REQUIRE(g.memory.Poke(kF, f.data(), f.size()));
  g.cpu().rip = kRwx;
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 1000, .stop_at = kEnd});
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(g.reg(kRbx) == 6 * 1 + 4 * 2);  // ecx = 10..5 before the store, 4..1 after
  // mov; 10 x (call, mov, ret, add, cmp, jne, dec, jnz) plus the store once; jmp.
  REQUIRE(r.steps == 1 + 10 * 8 + 1 + 1);
}

namespace {

// f (inc rax; ret, on the next page, so that no CALL goes through into it) called from
// `sites` CALLs in a row, 100 times over: f's RET goes back to each site in turn.
//  0: mov ecx, 100   5: call f   10: call f ...   5 + 5 * sites: dec ecx; jnz 5; jmp kFar
RunResult CallFromSites(Guest& g, int sites) {
  constexpr uint64_t kF = kText + 0x1000;
  std::string code = "b964000000";
  for (int i = 0; i < sites; ++i) code += " e8" + Rel32(kText + 5 + 5 * i, kF);
  const uint64_t loop_end = kText + 5 + 5 * static_cast<uint64_t>(sites);
  code += fmt::format(" ffc9 75{:02x} e9{}", static_cast<uint8_t>(5 - (loop_end + 4 - kText)), Rel32(loop_end + 4, kFar));
  g.Load(code);
  const auto f = Hex("48ffc0 c3");
  REQUIRE(g.memory.Poke(kF, f.data(), f.size()));
  return g.RunToFar();
}

}  // namespace

TEST_CASE("Block links: a RET back to up to four places in turn stays linked", "[block][link]") {
  for (int sites = 1; sites <= 4; ++sites) {
    Guest g;
    const RunResult r = CallFromSites(g, sites);
    REQUIRE(r.reason == StopReason::kEnd);
    REQUIRE(g.reg(kRax) == 100 * static_cast<uint64_t>(sites));
    REQUIRE(r.steps == 1 + 100 * (3 * static_cast<uint64_t>(sites) + 2) + 1);
    // The links are made as the first pass meets each block; after that only a spent
    // chain budget (1024 instructions) sends the run back to the machine's loop.
    CHECK(g.machine.chains() <= 3 * static_cast<uint64_t>(sites) + 4 + r.steps / kMaxChainInsns);
  }
  // A fifth place evicts the oldest link each time: every RET goes back to the loop.
  Guest g;
  const RunResult r = CallFromSites(g, 5);
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(g.reg(kRax) == 500);
  CHECK(g.machine.chains() >= 500);
}

}  // namespace goemu::emu::testing
