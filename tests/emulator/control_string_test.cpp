// Jcc (all sixteen conditions, short and near), JRCXZ JECXZ LOOP LOOPNE, CALL
// and RET (direct, indirect, RET imm16), JMP indirect; MOVS STOS LODS CMPS
// SCAS with and without REP, both directions.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

// The conditions spelled out flag by flag (SDM Vol. 1, Appendix B), written
// independently of the interpreter's own table.
bool ConditionHolds(unsigned cc, bool cf, bool pf, bool zf, bool sf, bool of) {
  switch (cc) {
    case 0x0: return of;                    // O
    case 0x1: return !of;                   // NO
    case 0x2: return cf;                    // B
    case 0x3: return !cf;                   // AE
    case 0x4: return zf;                    // E
    case 0x5: return !zf;                   // NE
    case 0x6: return cf || zf;              // BE
    case 0x7: return !cf && !zf;            // A
    case 0x8: return sf;                    // S
    case 0x9: return !sf;                   // NS
    case 0xa: return pf;                    // P
    case 0xb: return !pf;                   // NP
    case 0xc: return sf != of;              // L
    case 0xd: return sf == of;              // GE
    case 0xe: return zf || sf != of;        // LE
    default: return !zf && sf == of;        // G
  }
}

}  // namespace

TEST_CASE("Jcc: all sixteen conditions over all flag combinations", "[control]") {
  for (unsigned cc = 0; cc < 16; ++cc) {
    for (unsigned bits = 0; bits < 32; ++bits) {
      const bool cf = bits & 1, pf = bits & 2, zf = bits & 4, sf = bits & 8, of = bits & 16;
      const uint64_t flags = Flags((cf ? kFlagCF : 0) | (pf ? kFlagPF : 0) | (zf ? kFlagZF : 0) |
                                   (sf ? kFlagSF : 0) | (of ? kFlagOF : 0));
      const bool taken = ConditionHolds(cc, cf, pf, zf, sf, of);
      // jcc over "mov eax, 1", in the rel8 and the rel32 encodings.
      for (const std::string& code : {fmt::format("{:02x}05 b801000000", 0x70 + cc),
                                      fmt::format("0f{:02x}05000000 b801000000", 0x80 + cc)}) {
        Guest g;
        g.cpu().rflags = flags;
        g.Exec(code);
        INFO("cc " << cc << " flags " << bits << " code " << code);
        REQUIRE(g.reg(kRax) == (taken ? 0u : 1u));
        REQUIRE(g.cpu().rflags == flags);
      }
    }
  }
}

TEST_CASE("CALL and RET pair up through the stack", "[control]") {
  Guest g;
  // 0: call 11; 5: add rax, 1; 9: jmp 16; 11: add rax, 0x10; 15: ret
  g.Load("e806000000 4883c001 eb05 4883c010 c3");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 5);
  REQUIRE(g.reg(kRax) == 0x11);
  REQUIRE(g.reg(kRsp) == kStackTop);
  REQUIRE(g.Read64(kStackTop - 8) == kText + 5);  // the return address it pushed
}

TEST_CASE("RET imm16 pops the arguments too", "[control]") {
  Guest g;
  // 0: push 1; 2: push 2; 4: call 11; 9: jmp 14; 11: ret 16
  g.Load("6a01 6a02 e802000000 eb03 c21000");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 5);
  REQUIRE(g.reg(kRsp) == kStackTop);
}

TEST_CASE("Indirect CALL and JMP through registers and memory", "[control]") {
  Guest g;
  g.reg(kRbx) = kData;
  SECTION("call rax") {
    g.Load("ffd0");
    g.reg(kRax) = kText + 0x100;
    REQUIRE_FALSE(g.machine.Step());
    REQUIRE(g.cpu().rip == kText + 0x100);
    REQUIRE(g.Read64(g.reg(kRsp)) == kText + 2);
  }
  SECTION("call qword ptr [rbx]") {
    g.Load("ff13");
    g.Write64(kData, kText + 0x200);
    REQUIRE_FALSE(g.machine.Step());
    REQUIRE(g.cpu().rip == kText + 0x200);
    REQUIRE(g.reg(kRsp) == kStackTop - 8);
  }
  SECTION("jmp rax") {
    g.Load("ffe0");
    g.reg(kRax) = kText + 0x300;
    REQUIRE_FALSE(g.machine.Step());
    REQUIRE(g.cpu().rip == kText + 0x300);
    REQUIRE(g.reg(kRsp) == kStackTop);
  }
  SECTION("jmp qword ptr [rbx+8]") {
    g.Load("ff6308");
    g.Write64(kData + 8, kText + 0x400);
    REQUIRE_FALSE(g.machine.Step());
    REQUIRE(g.cpu().rip == kText + 0x400);
  }
}

TEST_CASE("JRCXZ JECXZ LOOP LOOPNE", "[control]") {
  SECTION("jrcxz jumps only when rcx is zero") {
    Guest g;
    g.reg(kRcx) = 0;
    g.Exec("e305 b801000000");  // jrcxz +5; mov eax, 1
    REQUIRE(g.reg(kRax) == 0);
    g.reg(kRcx) = 1ull << 32;
    g.Exec("e305 b801000000");
    REQUIRE(g.reg(kRax) == 1);
  }
  SECTION("jecxz looks at ecx only") {
    Guest g;
    g.reg(kRcx) = 1ull << 32;
    g.Exec("67e305 b801000000");
    REQUIRE(g.reg(kRax) == 0);
  }
  SECTION("loop counts rcx down to zero") {
    Guest g;
    g.reg(kRcx) = 5;
    g.Load("4883c001 e2fa");  // 0: add rax, 1; 4: loop 0
    const RunResult r = g.RunToEnd();
    REQUIRE(r.steps == 10);
    REQUIRE(g.reg(kRax) == 5);
    REQUIRE(g.reg(kRcx) == 0);
  }
  SECTION("loopne also stops when ZF is set") {
    Guest g;
    g.reg(kRcx) = 10;
    g.Exec("48ffc0 4883f803 e0f7");  // 0: inc rax; 3: cmp rax, 3; 7: loopne 0
    REQUIRE(g.reg(kRax) == 3);
    REQUIRE(g.reg(kRcx) == 7);
  }
}

TEST_CASE("REP MOVSB copies forward and advances the registers", "[string]") {
  Guest g;
  REQUIRE(g.memory.Poke(kData, "hello", 5));
  g.reg(kRsi) = kData;
  g.reg(kRdi) = kData + 0x100;
  g.reg(kRcx) = 5;
  g.Exec("f3a4");
  char out[6] = {};
  REQUIRE(g.memory.Peek(kData + 0x100, out, 5));
  REQUIRE(std::string(out) == "hello");
  REQUIRE(g.reg(kRsi) == kData + 5);
  REQUIRE(g.reg(kRdi) == kData + 0x105);
  REQUIRE(g.reg(kRcx) == 0);
  REQUIRE(g.Read64(kData + 0x105) == 0);  // not one byte more
}

TEST_CASE("REP MOVSQ with DF=1 copies backwards", "[string]") {
  Guest g;
  for (int i = 0; i < 4; ++i) g.Write64(kData + 8 * i, 0x100 + i);
  g.reg(kRsi) = kData + 16;
  g.reg(kRdi) = kData + 0x110;
  g.reg(kRcx) = 3;
  g.cpu().rflags = Flags(kFlagDF);
  g.Exec("f348a5");
  REQUIRE(g.Read64(kData + 0x100) == 0x100);
  REQUIRE(g.Read64(kData + 0x108) == 0x101);
  REQUIRE(g.Read64(kData + 0x110) == 0x102);
  REQUIRE(g.Read64(kData + 0x118) == 0);
  REQUIRE(g.reg(kRsi) == kData - 8);
  REQUIRE(g.reg(kRdi) == kData + 0xf8);
  REQUIRE(g.reg(kRcx) == 0);
}

TEST_CASE("REP STOSQ, REP with RCX=0, STOSB, LODSW, MOVSD", "[string]") {
  Guest g;
  g.reg(kRax) = 0xabababababababab;
  g.reg(kRdi) = kData;
  g.reg(kRcx) = 4;
  g.Exec("f348ab");  // rep stosq
  for (int i = 0; i < 4; ++i) REQUIRE(g.Read64(kData + 8 * i) == 0xabababababababab);
  REQUIRE(g.Read64(kData + 32) == 0);
  REQUIRE(g.reg(kRdi) == kData + 32);
  g.Exec("f348ab");  // rcx is 0 now: nothing happens
  REQUIRE(g.reg(kRdi) == kData + 32);
  REQUIRE(g.Read64(kData + 32) == 0);
  g.reg(kRax) = 0x11;
  g.Exec("aa");  // stosb
  REQUIRE(g.Read64(kData + 32) == 0x11);
  REQUIRE(g.reg(kRdi) == kData + 33);
  g.reg(kRsi) = kData;
  g.reg(kRax) = 0xffffffffffff0000;
  g.Exec("66ad");  // lodsw
  REQUIRE(g.reg(kRax) == 0xffffffffffffabab);
  REQUIRE(g.reg(kRsi) == kData + 2);
  g.reg(kRsi) = kData;
  g.reg(kRdi) = kData + 0x200;
  g.Exec("a5");  // movsd (the string move)
  REQUIRE(g.Read64(kData + 0x200) == 0xabababab);
  REQUIRE(g.reg(kRsi) == kData + 4);
}

TEST_CASE("REPE CMPSB stops at the first difference", "[string]") {
  Guest g;
  REQUIRE(g.memory.Poke(kData, "abcX", 4));
  REQUIRE(g.memory.Poke(kData + 0x100, "abcY", 4));
  g.reg(kRsi) = kData;
  g.reg(kRdi) = kData + 0x100;
  g.reg(kRcx) = 10;
  g.Exec("f3a6");
  REQUIRE(g.reg(kRcx) == 6);
  REQUIRE(g.reg(kRsi) == kData + 4);
  REQUIRE(g.reg(kRdi) == kData + 0x104);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagSF | kFlagPF | kFlagAF));
}

TEST_CASE("REPNE SCASB finds a terminator", "[string]") {
  Guest g;
  REQUIRE(g.memory.Poke(kData, "abc\0", 4));
  g.reg(kRdi) = kData;
  g.reg(kRcx) = 100;
  g.reg(kRax) = 0;
  g.Exec("f2ae");
  REQUIRE(g.reg(kRdi) == kData + 4);
  REQUIRE(g.reg(kRcx) == 96);
  REQUIRE(g.cpu().rflags == Flags(kFlagZF | kFlagPF));
}

TEST_CASE("MOVSB with an FS source override", "[string]") {
  Guest g;
  g.cpu().fs_base = kData + 0x800;
  REQUIRE(g.memory.Poke(kData + 0x810, "Z", 1));
  g.reg(kRsi) = 0x10;
  g.reg(kRdi) = kData;
  g.Exec("64a4");
  REQUIRE(g.Read64(kData) == 'Z');
  REQUIRE(g.reg(kRsi) == 0x11);
}

TEST_CASE("A fault inside REP MOVSB keeps the iterations already done", "[string][fault]") {
  Guest g;
  g.reg(kRsi) = kData;
  g.reg(kRdi) = kData + kDataSize - 0x10;  // the page after data is unmapped
  g.reg(kRcx) = 0x20;
  g.Load("f3a4");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kFault);
  REQUIRE(r.fault->kind == FaultKind::kUnmappedWrite);
  REQUIRE(r.fault->address == kData + kDataSize);
  REQUIRE(r.steps == 0);
  REQUIRE(g.cpu().rip == kText);
  REQUIRE(g.reg(kRcx) == 0x10);
  REQUIRE(g.reg(kRsi) == kData + 0x10);
  REQUIRE(g.reg(kRdi) == kData + kDataSize);
}

}  // namespace goemu::emu::testing
