// Guest faults: every one is a value with the right kind, pc and address, and
// a faulting instruction leaves registers, flags and memory as they were.
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

GuestFault RunExpectingFault(Guest& g) {
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kFault);
  REQUIRE(r.fault.has_value());
  return *r.fault;
}

}  // namespace

TEST_CASE("UD2, INT3, INT 3, HLT and undecodable bytes", "[fault]") {
  struct Case {
    const char* hex;
    FaultKind kind;
  };
  const Case cases[] = {
      {"0f0b", FaultKind::kInvalidOpcode},  // ud2
      {"cc", FaultKind::kBreakpoint},       // int3
      {"cd03", FaultKind::kBreakpoint},     // int 3
      {"f4", FaultKind::kHalt},             // hlt
      {"06", FaultKind::kInvalidOpcode},    // push es: not an x86-64 instruction
      {"f04801d8", FaultKind::kInvalidOpcode},  // lock add rax, rbx: LOCK needs memory
  };
  for (const Case& c : cases) {
    Guest g;
    g.Load(c.hex);
    const CpuState before = g.cpu();
    const GuestFault f = RunExpectingFault(g);
    INFO(c.hex);
    REQUIRE(f.kind == c.kind);
    REQUIRE(f.pc == kText);
    REQUIRE(g.cpu().rip == kText);
    REQUIRE(g.cpu().gpr == before.gpr);
    REQUIRE(g.machine.retired() == 0);
  }
}

TEST_CASE("Unsupported instructions are reported with their Intel text", "[fault]") {
  struct Case {
    const char* hex;
    const char* text;
  };
  const Case cases[] = {
      {"c5f458c2", "vaddps ymm0, ymm1, ymm2"},  // AVX
      {"f20f58c1", "addsd xmm0, xmm1"},         // scalar float: outside the integer set
      {"0f20c0", "mov rax, cr0"},               // privileged
      {"ec", "in al, dx"},
  };
  for (const Case& c : cases) {
    Guest g;
    g.Load(c.hex);
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kUnsupported);
    REQUIRE(f.detail == c.text);
    REQUIRE(f.pc == kText);
  }
  Guest g;
  g.Load("c5f458c2");
  REQUIRE(DescribeFault(RunExpectingFault(g)) ==
          "unsupported instruction vaddps ymm0, ymm1, ymm2 at 0x401000");
}

TEST_CASE("Fetch faults: unmapped code and data that is not executable", "[fault]") {
  SECTION("jump to an unmapped address") {
    Guest g;
    g.reg(kRax) = 0x10;
    g.Load("ffe0");  // jmp rax
    const RunResult r = g.RunToEnd();
    REQUIRE(r.steps == 1);  // the jump retired; the fetch at its target faulted
    REQUIRE(r.fault->kind == FaultKind::kUnmappedExecute);
    REQUIRE(r.fault->pc == 0x10);
    REQUIRE(r.fault->address == 0x10);
    REQUIRE(g.cpu().rip == 0x10);
  }
  SECTION("jump into the data segment") {
    Guest g;
    g.reg(kRax) = kData;
    g.Load("ffe0");
    const RunResult r = g.RunToEnd();
    REQUIRE(r.fault->kind == FaultKind::kProtectionExecute);
    REQUIRE(r.fault->pc == kData);
  }
  SECTION("an instruction that runs off the end of the mapped code") {
    Guest g;
    const uint64_t at = kText + kTextSize - 4;
    const auto bytes = Hex("48b88877665544332211");  // movabs rax, ...: 10 bytes
    REQUIRE(g.memory.Poke(at, bytes.data(), 4));
    g.cpu().rip = at;
    const RunResult r = g.machine.Run(RunOptions{.max_steps = 1});
    REQUIRE(r.fault->kind == FaultKind::kUnmappedExecute);
    REQUIRE(r.fault->pc == at);
    REQUIRE(r.fault->address == kText + kTextSize);
  }
}

TEST_CASE("An instruction straddling two mapped pages runs", "[fault]") {
  Guest g;
  const uint64_t at = kText + kPageSize - 4;
  const auto bytes = Hex("48b88877665544332211");
  REQUIRE(g.memory.Poke(at, bytes.data(), bytes.size()));
  g.cpu().rip = at;
  REQUIRE_FALSE(g.machine.Step());
  REQUIRE(g.reg(kRax) == 0x1122334455667788);
  REQUIRE(g.cpu().rip == at + 10);
}

TEST_CASE("Stores to read-only memory fault and change nothing", "[fault]") {
  SECTION("mov to the text segment") {
    Guest g;
    g.reg(kRbx) = kText + 0x100;
    g.reg(kRax) = 0x1234;
    g.Load("488903");  // mov [rbx], rax
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kProtectionWrite);
    REQUIRE(f.address == kText + 0x100);
    REQUIRE(g.Read64(kText + 0x100) == 0);
  }
  SECTION("read-modify-write to rodata keeps flags and memory") {
    Guest g;
    g.reg(kRbx) = kRodata;
    g.reg(kRax) = 1;
    g.Write64(kRodata + 8, 0x7fffffffffffffff);
    g.cpu().rflags = Flags(kFlagZF);
    g.Load("48014308");  // add qword ptr [rbx+8], rax
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kProtectionWrite);
    REQUIRE(g.Read64(kRodata + 8) == 0x7fffffffffffffff);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF));
    REQUIRE(g.cpu().rip == kText);
  }
  SECTION("a store straddling into an unmapped page writes no byte") {
    Guest g;
    g.reg(kRbx) = kData + kDataSize - 4;
    g.reg(kRax) = ~0ull;
    g.Load("488903");
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kUnmappedWrite);
    REQUIRE(f.address == kData + kDataSize);
    uint32_t tail = 1;
    REQUIRE(g.memory.Peek(kData + kDataSize - 4, &tail, 4));
    REQUIRE(tail == 0);
  }
  SECTION("PUSH with an unmapped stack keeps RSP") {
    Guest g;
    g.reg(kRsp) = 0x1000;
    g.Load("50");
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kUnmappedWrite);
    REQUIRE(f.address == 0xff8);
    REQUIRE(g.reg(kRsp) == 0x1000);
  }
  SECTION("CALL through an unmapped pointer keeps RSP and RIP") {
    Guest g;
    g.reg(kRbx) = 0x20;
    g.Load("ff13");  // call qword ptr [rbx]
    const GuestFault f = RunExpectingFault(g);
    REQUIRE(f.kind == FaultKind::kUnmappedRead);
    REQUIRE(g.reg(kRsp) == kStackTop);
    REQUIRE(g.cpu().rip == kText);
  }
}

TEST_CASE("A misaligned MOVAPS is a general-protection fault", "[fault][sse]") {
  Guest g;
  g.reg(kRbx) = kData + 8;
  g.cpu().xmm[4] = Xmm{1, 2};
  g.Load("0f2823");  // movaps xmm4, [rbx]
  const GuestFault f = RunExpectingFault(g);
  REQUIRE(f.kind == FaultKind::kGeneralProtection);
  REQUIRE(f.address == kData + 8);
  REQUIRE(g.cpu().xmm[4] == Xmm{1, 2});
}

}  // namespace goemu::emu::testing
