// SHL SHR SAR ROL ROR RCL RCR SHLD SHRD, MUL IMUL DIV IDIV. Where the SDM
// leaves a flag undefined the assertion masks it (Defined(...)).
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

TEST_CASE("SHL by 1: CF is the bit shifted out, OF = MSB xor CF", "[shift]") {
  Guest g;
  g.reg(kRax) = 0xffffffffc0000001;
  g.Exec("d1e0");  // shl eax, 1
  REQUIRE(g.reg(kRax) == 0x80000002);
  REQUIRE(Defined(g.cpu().rflags, kFlagAF) == Flags(kFlagCF | kFlagSF));
}

TEST_CASE("A masked shift count of 0 changes neither operand nor flags", "[shift]") {
  Guest g;
  g.reg(kRbx) = 0x81;
  g.reg(kRcx) = 0x20;  // 32 & 31 == 0
  g.cpu().rflags = Flags(kFlagOF | kFlagZF);
  g.Exec("d2e3");  // shl bl, cl
  REQUIRE(g.reg(kRbx) == 0x81);
  REQUIRE(g.cpu().rflags == Flags(kFlagOF | kFlagZF));
}

TEST_CASE("SHR 64-bit masks the count to 6 bits", "[shift]") {
  Guest g;
  g.reg(kRax) = 0x8000000000000003;
  g.reg(kRcx) = 65;
  g.Exec("48d3e8");  // shr rax, cl
  REQUIRE(g.reg(kRax) == 0x4000000000000001);
  REQUIRE(Defined(g.cpu().rflags, kFlagAF) == Flags(kFlagCF | kFlagOF));
}

TEST_CASE("SAR 16-bit keeps the sign and the upper register bits", "[shift]") {
  Guest g;
  g.reg(kRax) = 0x12348f00;
  g.Exec("66c1f804");  // sar ax, 4
  REQUIRE(g.reg(kRax) == 0x1234f8f0);
  REQUIRE(Defined(g.cpu().rflags, kFlagAF | kFlagOF) == Flags(kFlagSF | kFlagPF));
}

TEST_CASE("Rotates change only CF and OF", "[shift]") {
  SECTION("rol eax, 8 zero-extends and keeps SF ZF") {
    Guest g;
    g.reg(kRax) = 0xffffffff12345678;
    g.cpu().rflags = Flags(kFlagZF | kFlagSF | kFlagCF);
    g.Exec("c1c008");
    REQUIRE(g.reg(kRax) == 0x34567812);
    REQUIRE(Defined(g.cpu().rflags, kFlagOF) == Flags(kFlagZF | kFlagSF));
  }
  SECTION("ror al, 1: CF = new MSB, OF = MSB xor next bit") {
    Guest g;
    g.reg(kRax) = 0x01;
    g.cpu().rflags = Flags(kFlagPF);
    g.Exec("d0c8");
    REQUIRE(g.reg(kRax) == 0x80);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagOF | kFlagPF));
  }
  SECTION("rcr eax, 1 shifts CF in and the low bit out") {
    Guest g;
    g.reg(kRax) = 1;
    g.cpu().rflags = Flags(kFlagSF);
    g.Exec("d1d8");
    REQUIRE(g.reg(kRax) == 0);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagSF));
  }
}

TEST_CASE("RCL 8/16-bit counts go modulo 9 / 17", "[shift]") {
  Guest g;
  g.cpu().rflags = Flags(kFlagCF);
  SECTION("rcl bl, 10 == rotate once through CF") {
    g.reg(kRbx) = 0x80;
    g.reg(kRcx) = 10;
    g.Exec("d2d3");  // rcl bl, cl
    REQUIRE(g.reg(kRbx) == 0x01);
    REQUIRE((g.cpu().rflags & kFlagCF) != 0);
  }
  SECTION("rcl bl, 17 == rotate 8 times (measured on the host)") {
    g.reg(kRbx) = 0x80;
    g.reg(kRcx) = 17;
    g.Exec("d2d3");
    REQUIRE(g.reg(kRbx) == 0xc0);
    REQUIRE((g.cpu().rflags & kFlagCF) == 0);
  }
  SECTION("rcl bl, 9 is a full turn") {
    g.reg(kRbx) = 0x80;
    g.reg(kRcx) = 9;
    g.Exec("d2d3");
    REQUIRE(g.reg(kRbx) == 0x80);
    REQUIRE((g.cpu().rflags & kFlagCF) != 0);
  }
}

TEST_CASE("SHLD and SHRD", "[shift]") {
  SECTION("shld rax, rbx, 8") {
    Guest g;
    g.reg(kRax) = 0x1122334455667788;
    g.reg(kRbx) = 0xaabbccddeeff0011;
    g.Exec("480fa4d808");
    REQUIRE(g.reg(kRax) == 0x22334455667788aa);
    REQUIRE(Defined(g.cpu().rflags, kFlagAF | kFlagOF) == Flags(kFlagCF | kFlagPF));
  }
  SECTION("shrd ax, bx, cl") {
    Guest g;
    g.reg(kRax) = 0x1234;
    g.reg(kRbx) = 0xabcd;
    g.reg(kRcx) = 4;
    g.Exec("660fadd8");
    REQUIRE(g.reg(kRax) == 0xd123);
    REQUIRE(Defined(g.cpu().rflags, kFlagAF | kFlagOF) == Flags(kFlagSF));
  }
}

TEST_CASE("SHL of a memory qword", "[shift]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.Write64(kData, 0x2000000000000001);
  g.Exec("48c12303");  // shl qword ptr [rbx], 3
  REQUIRE(g.Read64(kData) == 8);
  REQUIRE(Defined(g.cpu().rflags, kFlagAF | kFlagOF) == Flags(kFlagCF));
}

constexpr uint64_t kMulUndefined = kFlagSF | kFlagZF | kFlagAF | kFlagPF;

TEST_CASE("MUL writes the double-width product to rDX:rAX", "[muldiv]") {
  SECTION("mul rbx") {
    Guest g;
    g.reg(kRax) = ~0ull;
    g.reg(kRbx) = 2;
    g.Exec("48f7e3");
    REQUIRE(g.reg(kRax) == 0xfffffffffffffffe);
    REQUIRE(g.reg(kRdx) == 1);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(kFlagCF | kFlagOF));
  }
  SECTION("mul bl writes AX only") {
    Guest g;
    g.reg(kRax) = 0xaaaa0010;
    g.reg(kRbx) = 0x10;
    g.reg(kRdx) = 0x77;
    g.Exec("f6e3");
    REQUIRE(g.reg(kRax) == 0xaaaa0100);
    REQUIRE(g.reg(kRdx) == 0x77);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(kFlagCF | kFlagOF));
  }
}

TEST_CASE("IMUL in its one-, two- and three-operand forms", "[muldiv]") {
  SECTION("imul rbx: -2 * 3 fits, rdx is the sign") {
    Guest g;
    g.reg(kRax) = static_cast<uint64_t>(-2);
    g.reg(kRbx) = 3;
    g.Exec("48f7eb");
    REQUIRE(g.reg(kRax) == static_cast<uint64_t>(-6));
    REQUIRE(g.reg(kRdx) == ~0ull);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(0));
  }
  SECTION("imul eax, ebx overflows and zero-extends") {
    Guest g;
    g.reg(kRax) = 0xffffffff00010000;
    g.reg(kRbx) = 0x10000;
    g.Exec("0fafc3");
    REQUIRE(g.reg(kRax) == 0);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(kFlagCF | kFlagOF));
  }
  SECTION("imul rax, [rbx], -3") {
    Guest g;
    g.reg(kRbx) = kData;
    g.Write64(kData, 5);
    g.Exec("486b03fd");
    REQUIRE(g.reg(kRax) == static_cast<uint64_t>(-15));
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(0));
  }
  SECTION("imul cx: DX:AX, upper register bits kept") {
    Guest g;
    g.reg(kRax) = 0x55550100;
    g.reg(kRcx) = 0x100;
    g.reg(kRdx) = 0x1234000000000000;
    g.Exec("66f7e9");
    REQUIRE(g.reg(kRax) == 0x55550000);
    REQUIRE(g.reg(kRdx) == 0x1234000000000001);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(kFlagCF | kFlagOF));
  }
  SECTION("imul ax, bx, 300") {
    Guest g;
    g.reg(kRbx) = 300;
    g.Exec("6669c32c01");
    REQUIRE(g.reg(kRax) == 0x5f90);
    REQUIRE(Defined(g.cpu().rflags, kMulUndefined) == Flags(kFlagCF | kFlagOF));
  }
}

TEST_CASE("DIV and IDIV", "[muldiv]") {
  Guest g;
  SECTION("div rbx: 2^64 / 3") {
    g.reg(kRdx) = 1;
    g.reg(kRax) = 0;
    g.reg(kRbx) = 3;
    g.Exec("48f7f3");
    REQUIRE(g.reg(kRax) == 0x5555555555555555);
    REQUIRE(g.reg(kRdx) == 1);
  }
  SECTION("div bl: AL = quotient, AH = remainder") {
    g.reg(kRax) = 0xffff0207;
    g.reg(kRbx) = 0x10;
    g.Exec("f6f3");
    REQUIRE(g.reg(kRax) == 0xffff0720);
  }
  SECTION("idiv ecx rounds toward zero") {
    g.reg(kRdx) = 0xffffffff;
    g.reg(kRax) = 0xfffffff9;  // edx:eax = -7
    g.reg(kRcx) = 2;
    g.Exec("f7f9");
    REQUIRE(g.reg(kRax) == 0xfffffffd);
    REQUIRE(g.reg(kRdx) == 0xffffffff);
  }
  SECTION("div qword in memory") {
    g.reg(kRbx) = kData;
    g.Write64(kData, 7);
    g.reg(kRdx) = 0;
    g.reg(kRax) = 100;
    g.Exec("48f733");
    REQUIRE(g.reg(kRax) == 14);
    REQUIRE(g.reg(kRdx) == 2);
  }
}

TEST_CASE("Divide errors are guest faults that change nothing", "[muldiv][fault]") {
  struct Case {
    const char* hex;
    uint64_t rax, rdx, rbx;
  };
  const Case cases[] = {
      {"48f7f3", 1, 0, 0},                                   // div rbx by zero
      {"f6f3", 0x1000, 0, 0x10},                             // div bl: quotient 0x100 too big
      {"48f7fb", 0x8000000000000000, ~0ull, ~0ull},          // idiv rbx: INT64_MIN / -1
      {"f7f9", 0, 1, 0},                                     // idiv ecx by zero
  };
  for (const Case& c : cases) {
    Guest g;
    g.Load(c.hex);
    g.reg(kRax) = c.rax;
    g.reg(kRdx) = c.rdx;
    g.reg(kRbx) = c.rbx;
    g.cpu().rflags = Flags(kFlagZF);
    const CpuState before = g.cpu();
    const RunResult r = g.RunToEnd();
    REQUIRE(r.reason == StopReason::kFault);
    REQUIRE(r.fault->kind == FaultKind::kDivideError);
    REQUIRE(r.fault->pc == kText);
    REQUIRE(r.steps == 0);
    REQUIRE(g.cpu().gpr == before.gpr);
    REQUIRE(g.cpu().rip == kText);
    REQUIRE(g.cpu().rflags == before.rflags);
  }
}

}  // namespace goemu::emu::testing
