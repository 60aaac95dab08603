// ADD ADC SUB SBB CMP INC DEC NEG, AND OR XOR TEST NOT, XADD CMPXCHG, and the
// partial-register rules, with exact results and RFLAGS. Expected flags were
// derived by hand and agree with the host CPU (AMD EPYC).
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

TEST_CASE("ADD 8-bit: carry, overflow, zero and parity at once; upper bits kept", "[arith]") {
  Guest g;
  g.reg(kRax) = 0x1111111111111180;
  g.reg(kRbx) = 0x80;
  g.Exec("00d8");  // add al, bl
  REQUIRE(g.reg(kRax) == 0x1111111111111100);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagOF | kFlagZF | kFlagPF));
}

TEST_CASE("ADC 32-bit adds the carry, sets AF, and zero-extends", "[arith]") {
  Guest g;
  g.reg(kRax) = 0x12345678fffffffe;
  g.reg(kRbx) = 1;
  g.cpu().rflags = Flags(kFlagCF);
  g.Exec("11d8");  // adc eax, ebx
  REQUIRE(g.reg(kRax) == 0);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagZF | kFlagPF | kFlagAF));
}

TEST_CASE("SBB 64-bit borrows through zero", "[arith]") {
  Guest g;
  g.reg(kRax) = 5;
  g.reg(kRbx) = 5;
  g.cpu().rflags = Flags(kFlagCF);
  g.Exec("4819d8");  // sbb rax, rbx
  REQUIRE(g.reg(kRax) == ~0ull);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagSF | kFlagPF | kFlagAF));
}

TEST_CASE("SUB word in memory overflows from 0x8000 and touches only two bytes", "[arith]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.Write64(kData, 0xaaaaaaaaaaaa8000);
  g.Exec("66832b01");  // sub word ptr [rbx], 1
  REQUIRE(g.Read64(kData) == 0xaaaaaaaaaaaa7fff);
  REQUIRE(g.cpu().rflags == Flags(kFlagOF | kFlagPF | kFlagAF));
}

TEST_CASE("ADD register into a memory qword", "[arith]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.reg(kRax) = 1;
  g.Write64(kData + 8, 0x7fffffffffffffff);
  g.Exec("48014308");  // add qword ptr [rbx+8], rax
  REQUIRE(g.Read64(kData + 8) == 0x8000000000000000);
  REQUIRE(g.cpu().rflags == Flags(kFlagOF | kFlagSF | kFlagAF | kFlagPF));
}

TEST_CASE("CMP byte in memory with an immediate leaves memory alone", "[arith]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.Write64(kData, 0x7f);
  g.Exec("803b80");  // cmp byte ptr [rbx], 0x80
  REQUIRE(g.Read64(kData) == 0x7f);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagOF | kFlagSF | kFlagPF));
}

TEST_CASE("INC and DEC keep CF", "[arith]") {
  SECTION("inc eax with CF set") {
    Guest g;
    g.reg(kRax) = 0xffffffff7fffffff;
    g.cpu().rflags = Flags(kFlagCF);
    g.Exec("ffc0");  // inc eax
    REQUIRE(g.reg(kRax) == 0x80000000);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagOF | kFlagSF | kFlagAF | kFlagPF));
  }
  SECTION("dec byte in memory with CF clear") {
    Guest g;
    g.reg(kRbx) = kData;
    g.Write64(kData, 0x1100);
    g.Exec("fe0b");  // dec byte ptr [rbx]
    REQUIRE(g.Read64(kData) == 0x11ff);
    REQUIRE(g.cpu().rflags == Flags(kFlagSF | kFlagAF | kFlagPF));
  }
}

TEST_CASE("NEG sets CF for a non-zero operand and OF for the minimum", "[arith]") {
  SECTION("neg 1") {
    Guest g;
    g.reg(kRax) = 1;
    g.Exec("48f7d8");  // neg rax
    REQUIRE(g.reg(kRax) == ~0ull);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagSF | kFlagPF | kFlagAF));
  }
  SECTION("neg 0") {
    Guest g;
    g.reg(kRax) = 0;
    g.cpu().rflags = Flags(kFlagCF);
    g.Exec("48f7d8");
    REQUIRE(g.reg(kRax) == 0);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF | kFlagPF));
  }
  SECTION("neg INT64_MIN") {
    Guest g;
    g.reg(kRax) = 0x8000000000000000;
    g.Exec("48f7d8");
    REQUIRE(g.reg(kRax) == 0x8000000000000000);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagOF | kFlagSF | kFlagPF));
  }
}

TEST_CASE("Logic instructions clear CF OF AF and set SF ZF PF from the result", "[logic]") {
  SECTION("and rax, imm8 sign-extended") {
    Guest g;
    g.reg(kRax) = 0x123456789abcdef7;
    g.cpu().rflags = Flags(kFlagCF | kFlagOF | kFlagAF);
    g.Exec("4883e0f0");  // and rax, -16
    REQUIRE(g.reg(kRax) == 0x123456789abcdef0);
    REQUIRE(g.cpu().rflags == Flags(kFlagPF));
  }
  SECTION("or ah, imm") {
    Guest g;
    g.reg(kRax) = 0x1234;
    g.Exec("80cc80");  // or ah, 0x80
    REQUIRE(g.reg(kRax) == 0x9234);
    REQUIRE(g.cpu().rflags == Flags(kFlagSF));
  }
  SECTION("xor eax, eax clears all 64 bits") {
    Guest g;
    g.reg(kRax) = ~0ull;
    g.Exec("31c0");
    REQUIRE(g.reg(kRax) == 0);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF | kFlagPF));
  }
  SECTION("test writes nothing") {
    Guest g;
    g.reg(kRbx) = 0x80;
    g.Exec("84db");  // test bl, bl
    REQUIRE(g.reg(kRbx) == 0x80);
    REQUIRE(g.cpu().rflags == Flags(kFlagSF));
  }
  SECTION("not changes no flags") {
    Guest g;
    g.reg(kRbx) = kData;
    g.Write64(kData, 0x00ff1234);
    g.cpu().rflags = Flags(kFlagCF | kFlagZF);
    g.Exec("66f713");  // not word ptr [rbx]
    REQUIRE(g.Read64(kData) == 0x00ffedcb);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagZF));
  }
}

TEST_CASE("LOCK XADD exchanges and adds", "[arith]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.reg(kRax) = 5;
  g.Write64(kData, 10);
  g.Exec("f0480fc103");  // lock xadd qword ptr [rbx], rax
  REQUIRE(g.Read64(kData) == 15);
  REQUIRE(g.reg(kRax) == 10);
  REQUIRE(g.cpu().rflags == Flags(kFlagPF));
}

TEST_CASE("LOCK CMPXCHG on memory", "[arith]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.reg(kRcx) = 99;
  g.Write64(kData, 7);
  SECTION("equal: stores the source, ZF set") {
    g.reg(kRax) = 7;
    g.Exec("f0480fb10b");  // lock cmpxchg qword ptr [rbx], rcx
    REQUIRE(g.Read64(kData) == 99);
    REQUIRE(g.reg(kRax) == 7);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF | kFlagPF));
  }
  SECTION("different: loads the accumulator, ZF clear") {
    g.reg(kRax) = 8;
    g.Exec("f0480fb10b");
    REQUIRE(g.Read64(kData) == 7);
    REQUIRE(g.reg(kRax) == 7);
    REQUIRE(g.cpu().rflags == Flags(0));
  }
}

TEST_CASE("CMPXCHG r32: only the register actually written is zero-extended", "[arith]") {
  SECTION("failure writes EAX (zero-extended) and leaves the destination whole") {
    Guest g;
    g.reg(kRax) = 0xaaaaaaaa00000001;
    g.reg(kRcx) = 0xbbbbbbbb00000002;
    g.reg(kRdx) = 3;
    g.Exec("0fb1d1");  // cmpxchg ecx, edx
    REQUIRE(g.reg(kRax) == 2);
    REQUIRE(g.reg(kRcx) == 0xbbbbbbbb00000002);
    REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagSF | kFlagPF | kFlagAF));
  }
  SECTION("success writes the destination (zero-extended), RAX untouched") {
    Guest g;
    g.reg(kRax) = 0xaaaaaaaa00000002;
    g.reg(kRcx) = 0xbbbbbbbb00000002;
    g.reg(kRdx) = 0x1111111100000009;
    g.Exec("0fb1d1");
    REQUIRE(g.reg(kRax) == 0xaaaaaaaa00000002);
    REQUIRE(g.reg(kRcx) == 9);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF | kFlagPF));
  }
}

TEST_CASE("Partial-register writes", "[move]") {
  Guest g;
  SECTION("16-bit keeps bits 16..63") {
    g.reg(kRax) = ~0ull;
    g.Exec("66b83412");  // mov ax, 0x1234
    REQUIRE(g.reg(kRax) == 0xffffffffffff1234);
  }
  SECTION("8-bit low keeps bits 8..63") {
    g.reg(kRax) = 0x1111111111111111;
    g.Exec("b0ff");  // mov al, 0xff
    REQUIRE(g.reg(kRax) == 0x11111111111111ff);
  }
  SECTION("32-bit zero-extends") {
    g.reg(kRax) = 0x1234567812345678;
    g.Exec("b8ffffffff");  // mov eax, 0xffffffff
    REQUIRE(g.reg(kRax) == 0xffffffff);
  }
  SECTION("high-byte registers AH and BH") {
    g.reg(kRax) = 0xab00;
    g.reg(kRbx) = 0x1111;
    g.Exec("88e7");  // mov bh, ah
    REQUIRE(g.reg(kRbx) == 0xab11);
    REQUIRE(g.reg(kRax) == 0xab00);
  }
  SECTION("REX registers r8d, r15b, sil") {
    g.reg(kR8) = 0xffffffff00000001;
    g.reg(kR9) = 2;
    g.reg(kRsi) = 0x42;
    g.reg(kR15) = 0x1111111111111111;
    g.Exec("4501c8 4188f7");  // add r8d, r9d; mov r15b, sil
    REQUIRE(g.reg(kR8) == 3);
    REQUIRE(g.reg(kR15) == 0x1111111111111142);
  }
  SECTION("AH loaded from memory") {
    g.reg(kRax) = 0x1234;
    g.reg(kRbx) = kData;
    g.Write64(kData, 0x5a);
    g.Exec("8a23");  // mov ah, byte ptr [rbx]
    REQUIRE(g.reg(kRax) == 0x5a34);
  }
}

TEST_CASE("FS-relative and RIP-relative memory operands", "[move]") {
  Guest g;
  g.cpu().fs_base = kData + 0x100;
  g.Write64(kData + 0xf8, 0x0123456789abcdef);
  g.reg(kRbx) = 0xfeedface;
  SECTION("load and store through fs:-8 (Go's TLS g slot)") {
    g.Exec("64488b0425f8ffffff 6448891c25f8ffffff");
    REQUIRE(g.machine.Disassemble(kText) == "mov rax, fs:[0xFFFFFFFFFFFFFFF8]");
    REQUIRE(g.reg(kRax) == 0x0123456789abcdef);
    REQUIRE(g.Read64(kData + 0xf8) == 0xfeedface);
  }
  SECTION("rip-relative load is relative to the next instruction") {
    g.Load("488b0500010000");  // mov rax, [rip+0x100]
    g.Write64(kText + 7 + 0x100, 0x5555aaaa);
    REQUIRE(g.RunToEnd().reason == StopReason::kEnd);
    REQUIRE(g.reg(kRax) == 0x5555aaaa);
  }
}

// LinearAddress tells base + displacement, base + scaled index + displacement and FS +
// displacement apart in one test each (DecodedInsn::mem_form); every other form takes the
// general path. Each form, with values that tell a wrong one apart.
TEST_CASE("Every memory-operand form reads the address it names", "[move]") {
  Guest g;
  g.cpu().fs_base = kData + 0x100;
  g.cpu().gs_base = kData + 0x200;
  g.reg(kRbx) = kData + 0x40;
  g.reg(kRcx) = 3;
  for (uint64_t i = 0; i < 0x60; ++i) g.Write64(kData + 8 * i, 0x1000 + i);
  SECTION("base + scaled index + displacement") {
    g.Exec("488b44cb10");
    REQUIRE(g.machine.Disassemble(kText) == "mov rax, [rbx+rcx*8+0x10]");
    REQUIRE(g.reg(kRax) == g.Read64(kData + 0x40 + 3 * 8 + 0x10));
    REQUIRE(g.reg(kRax) == 0x100d);
  }
  SECTION("scaled index + displacement, no base") {
    g.Exec("488b048d10006000");
    REQUIRE(g.machine.Disassemble(kText) == "mov rax, [rcx*4+0x600010]");
    REQUIRE(g.reg(kRax) == g.Read64(kData + 0x10 + 3 * 4));
  }
  SECTION("FS with a base register") {
    g.reg(kRbx) = 0x40;  // an offset into the segment, which the segment base is added to
    g.Exec("64488b4308");
    REQUIRE(g.machine.Disassemble(kText) == "mov rax, fs:[rbx+0x08]");
    REQUIRE(g.reg(kRax) == 0x1000 + (0x100 + 0x40 + 8) / 8);
  }
  SECTION("GS with a base register") {
    g.reg(kRbx) = 0x40;  // an offset into the segment, which the segment base is added to
    g.Exec("65488b4308");
    REQUIRE(g.machine.Disassemble(kText) == "mov rax, gs:[rbx+0x08]");
    REQUIRE(g.reg(kRax) == 0x1000 + (0x200 + 0x40 + 8) / 8);
  }
  SECTION("a store through base + scaled index") {
    g.reg(kRdx) = 0xabcdef;
    g.reg(kRax) = 4;
    g.Exec("48895483f8");
    REQUIRE(g.machine.Disassemble(kText) == "mov [rbx+rax*4-0x08], rdx");
    REQUIRE(g.Read64(kData + 0x40 + 16 - 8) == 0xabcdef);
    REQUIRE(g.Read64(kData + 0x40) == 0x1008);
  }
}

}  // namespace goemu::emu::testing
