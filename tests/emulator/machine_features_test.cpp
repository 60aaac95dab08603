// Machine services: the decode cache and self-modifying code, CPUID and
// RDTSC determinism, the syscall handler, the observer's class filter, the
// step budget and stop address.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "emulator/cpu_model.h"
#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {
constexpr uint64_t kRwx = 0x800000;
}

TEST_CASE("Self-modifying code: a store into decoded code is seen next time", "[cache]") {
  Guest g;
  REQUIRE(g.memory.Map(kRwx, kPageSize, kPermRead | kPermWrite | kPermExec, "jit"));
  // 0: mov al, 1          <- its immediate (byte 1) is rewritten to 7
  // 2: add bl, al
  // 4: mov byte ptr [rip-10], 7
  // 11: inc rcx; 14: cmp rcx, 2; 18: jne 0
  const auto code = Hex("b001 00c3 c605f6ffffff07 48ffc1 4883f902 75ec");
  REQUIRE(g.memory.Poke(kRwx, code.data(), code.size()));
  g.cpu().rip = kRwx;
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 100, .stop_at = kRwx + code.size()});
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(g.reg(kRbx) == 1 + 7);  // a stale decode would give 1 + 1
  REQUIRE(r.steps == 12);
}

TEST_CASE("Poke and Unmap also drop cached decodes", "[cache]") {
  Guest g;
  g.Exec("b001");  // mov al, 1
  REQUIRE(g.reg(kRax) == 1);
  g.Exec("b002");
  REQUIRE(g.reg(kRax) == 2);
  g.cpu().rip = kText;
  REQUIRE(g.memory.Unmap(kText, kPageSize));
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 1});
  REQUIRE(r.reason == StopReason::kFault);
  REQUIRE(r.fault->kind == FaultKind::kUnmappedExecute);
}

TEST_CASE("A store to the second page of a straddling instruction drops it", "[cache]") {
  Guest g;
  REQUIRE(g.memory.Map(kRwx, 2 * kPageSize, kPermRead | kPermWrite | kPermExec, "jit"));
  const uint64_t at = kRwx + kPageSize - 4;
  auto code = Hex("48b88877665544332211");  // movabs rax, 0x1122334455667788
  REQUIRE(g.memory.Poke(at, code.data(), code.size()));
  g.cpu().rip = at;
  REQUIRE_FALSE(g.machine.Step());
  REQUIRE(g.reg(kRax) == 0x1122334455667788);
  // The guest rewrites the immediate's top byte, which lives on the next page.
  g.reg(kRbx) = at + 9;
  g.reg(kRcx) = 0x99;
  const auto store = Hex("880b");  // mov byte ptr [rbx], cl
  REQUIRE(g.memory.Poke(kRwx, store.data(), store.size()));
  g.cpu().rip = kRwx;
  REQUIRE_FALSE(g.machine.Step());
  g.cpu().rip = at;
  REQUIRE_FALSE(g.machine.Step());
  REQUIRE(g.reg(kRax) == 0x9922334455667788);
}

TEST_CASE("The decode cache decodes a hot loop once", "[cache]") {
  Guest g;
  g.Load("ebfe");  // jmp $
  const RunResult r = g.machine.Run(RunOptions{.max_steps = 1000});
  REQUIRE(r.reason == StopReason::kMaxSteps);
  REQUIRE(r.steps == 1000);
  REQUIRE(g.machine.retired() == 1000);
  REQUIRE(g.machine.decode_misses() == 1);
  REQUIRE(g.machine.decode_hits() == 999);
}

TEST_CASE("CPUID reports the fixed documented model", "[system]") {
  Guest g;
  g.reg(kRax) = 0xffffffff00000000;
  g.reg(kRcx) = 0xffffffff00000000;
  g.Exec("0fa2");
  REQUIRE(g.reg(kRax) == 7);
  char vendor[13] = {};
  std::memcpy(vendor, &g.reg(kRbx), 4);
  std::memcpy(vendor + 4, &g.reg(kRdx), 4);
  std::memcpy(vendor + 8, &g.reg(kRcx), 4);
  REQUIRE(std::string(vendor) == "GenuineIntel");

  g.reg(kRax) = 1;
  g.Exec("0fa2");
  REQUIRE(g.reg(kRax) == 0x206c2);
  const uint64_t ecx = g.reg(kRcx);
  const uint64_t edx = g.reg(kRdx);
  // Only what the interpreter executes is advertised: no SSE3/SSSE3/SSE4.x.
  REQUIRE(ecx == (1u << 23));         // POPCNT only
  REQUIRE((ecx & (1u << 27)) == 0);   // no OSXSAVE
  REQUIRE((ecx & (1u << 28)) == 0);   // no AVX
  REQUIRE((edx & (1u << 8)) != 0);    // CX8
  REQUIRE((edx & (1u << 15)) != 0);   // CMOV
  REQUIRE((edx & (1u << 26)) != 0);   // SSE2

  g.reg(kRax) = 7;
  g.reg(kRcx) = 0;
  g.Exec("0fa2");
  REQUIRE(g.reg(kRbx) == 0);  // no AVX2, BMI, ERMS ...

  g.reg(kRax) = 0x80000000;
  g.Exec("0fa2");
  REQUIRE(g.reg(kRax) == 0x80000004);
  std::string brand;
  for (uint32_t leaf = 0x80000002; leaf <= 0x80000004; ++leaf) {
    const CpuidResult r = QueryCpuid(leaf, 0);
    for (uint32_t word : {r.eax, r.ebx, r.ecx, r.edx}) brand.append(reinterpret_cast<const char*>(&word), 4);
  }
  REQUIRE(std::string(brand.c_str()) == "goemu virtual x86-64 CPU (Westmere-class)");
}

TEST_CASE("CPUID and RDTSC are the same on every run", "[system]") {
  auto run = [] {
    Guest g;
    g.reg(kRax) = 1;
    g.Exec("0fa2 90 90 0f31 4889c6 0f31");  // cpuid; nop; nop; rdtsc; mov rsi, rax; rdtsc
    return std::vector<uint64_t>(g.cpu().gpr.begin(), g.cpu().gpr.end());
  };
  const auto first = run();
  REQUIRE(first == run());
  // rdtsc counts retired instructions: 3 before the first, 5 before the second.
  REQUIRE(first[kRsi] == 3);
  REQUIRE(first[kRax] == 5);
  REQUIRE(first[kRdx] == 0);
}

namespace {

struct RecordingSyscalls : SyscallHandler {
  std::vector<uint64_t> numbers;
  Outcome OnSyscall(Machine& machine) override {
    CpuState& cpu = machine.cpu();
    numbers.push_back(cpu.gpr[kRax]);
    if (cpu.gpr[kRax] == 60) return Outcome{.exit = true, .exit_code = static_cast<int>(cpu.gpr[kRdi])};
    cpu.gpr[kRax] = 42;
    return {};
  }
};

}  // namespace

TEST_CASE("SYSCALL goes to the handler, which can end the run", "[system]") {
  Guest g;
  RecordingSyscalls handler;
  g.machine.SetSyscallHandler(&handler);
  g.cpu().rflags = Flags(kFlagCF);
  // mov eax, 39; syscall; mov rsi, rax; mov eax, 60; mov rdi, 7; syscall; ud2
  g.Load("b827000000 0f05 4889c6 b83c000000 48c7c707000000 0f05 0f0b");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kExit);
  REQUIRE(r.exit_code == 7);
  REQUIRE(r.steps == 6);
  REQUIRE(handler.numbers == std::vector<uint64_t>{39, 60});
  REQUIRE(g.reg(kRsi) == 42);
  // Like the hardware: RCX = the next rip, R11 = RFLAGS.
  REQUIRE(g.reg(kRcx) == kText + 24);
  REQUIRE(g.reg(kR11) == Flags(kFlagCF));
  REQUIRE(g.cpu().rip == kText + 24);
}

TEST_CASE("SYSCALL without a handler is an unsupported-instruction fault", "[system]") {
  Guest g;
  g.Load("0f05");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.fault->kind == FaultKind::kUnsupported);
  REQUIRE(r.fault->detail == "syscall");
  REQUIRE(g.reg(kRcx) == 0);
}

namespace {

struct Recorder : ExecutionObserver {
  uint32_t want;
  std::vector<RetiredInsn> seen;
  explicit Recorder(uint32_t w) : want(w) {}
  uint32_t interest() const override { return want; }
  void OnRetired(Machine&, const RetiredInsn& insn) override { seen.push_back(insn); }
};

// 0: call 11; 5: add rax, 1; 9: jmp 16; 11: sub rsp, 8; 15: mov rax, rsp;
// 18: mov [rsp], rax; 22: mov rsp, rbp ... (see each test)
constexpr const char* kProgram =
    "e80a000000"        // 0: call 15
    "4883c001"          // 5: add rax, 1
    "eb1d"              // 9: jmp 40
    "90 90 90 90"       // 11: padding
    "4883ec08"          // 15: sub rsp, 8
    "4889e0"            // 19: mov rax, rsp
    "48890424"          // 22: mov [rsp], rax
    "4883c408"          // 26: add rsp, 8
    "64488b0425f8ffffff"  // 30: mov rax, fs:[-8]
    "c3";               // 39: ret
//                         40: end

}  // namespace

TEST_CASE("The observer sees exactly the classes it asked for", "[observer]") {
  auto run = [](uint32_t interest) {
    Guest g;
    g.cpu().fs_base = kData + 0x100;
    Recorder rec(interest);
    g.machine.SetObserver(&rec);
    g.Load(kProgram);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    return rec.seen;
  };
  SECTION("calls and returns") {
    const auto seen = run(kClassCall | kClassRet);
    REQUIRE(seen.size() == 2);
    REQUIRE(seen[0].pc == kText);
    REQUIRE(seen[0].next_pc == kText + 15);
    REQUIRE(seen[0].rsp_before == kStackTop);
    REQUIRE((seen[0].classes & kClassCall) != 0);
    REQUIRE(seen[1].pc == kText + 39);
    REQUIRE(seen[1].next_pc == kText + 5);
    REQUIRE(seen[1].rsp_before == kStackTop - 8);
  }
  SECTION("explicit stack-pointer writes") {
    const auto seen = run(kClassStackWrite);
    REQUIRE(seen.size() == 2);  // sub rsp, 8 and add rsp, 8; not "mov rax, rsp", not call/ret
    REQUIRE(seen[0].pc == kText + 15);
    REQUIRE(seen[1].pc == kText + 26);
  }
  SECTION("memory writes carry the address and size") {
    const auto seen = run(kClassMemWrite);
    REQUIRE(seen.size() == 2);  // call's push and mov [rsp], rax
    REQUIRE(seen[0].write_addr == kStackTop - 8);
    REQUIRE(seen[0].write_size == 8);
    REQUIRE(seen[1].pc == kText + 22);
    REQUIRE(seen[1].write_addr == kStackTop - 16);
    REQUIRE(seen[1].write_size == 8);
  }
  SECTION("FS-relative accesses and direct jumps") {
    const auto fs = run(kClassFsSegment);
    REQUIRE(fs.size() == 1);
    REQUIRE(fs[0].pc == kText + 30);
    const auto jumps = run(kClassJump);
    REQUIRE(jumps.size() == 1);
    REQUIRE(jumps[0].pc == kText + 9);
    REQUIRE(jumps[0].next_pc == kText + 40);
  }
  SECTION("no interest, no calls") {
    REQUIRE(run(kClassNone).empty());
  }
}

TEST_CASE("Run stops at the stop address before fetching it", "[machine]") {
  Guest g;
  g.Load("90 90 0f0b");  // nop; nop; ud2
  const RunResult r = g.machine.Run(RunOptions{.stop_at = kText + 2});
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 2);
  REQUIRE(g.cpu().rip == kText + 2);
}

}  // namespace goemu::emu::testing
