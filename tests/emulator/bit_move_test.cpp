// BT BTS BTR BTC BSF BSR POPCNT BSWAP, SETcc CMOVcc, MOVZX MOVSX MOVSXD LEA
// XCHG, CBW..CQO, LAHF SAHF, flag instructions, PUSH POP PUSHFQ POPFQ.
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {
constexpr uint64_t kBtUndefined = kFlagOF | kFlagSF | kFlagAF | kFlagPF;
}

TEST_CASE("BT copies the bit to CF and keeps ZF", "[bit]") {
  Guest g;
  g.reg(kRax) = 0x8000000000000000;
  g.cpu().rflags = Flags(kFlagZF);
  g.Exec("480fbae03f");  // bt rax, 63
  REQUIRE(Defined(g.cpu().rflags, kBtUndefined) == Flags(kFlagZF | kFlagCF));
}

TEST_CASE("BTS with a register offset addresses a bit string", "[bit]") {
  SECTION("offset 67 reaches the next qword") {
    Guest g;
    g.reg(kRbx) = kData;
    g.reg(kRcx) = 67;
    g.Exec("480fab0b");  // bts qword ptr [rbx], rcx
    REQUIRE(g.Read64(kData) == 0);
    REQUIRE(g.Read64(kData + 8) == 8);
    REQUIRE((g.cpu().rflags & kFlagCF) == 0);
  }
  SECTION("a negative offset reaches backwards") {
    Guest g;
    g.reg(kRbx) = kData + 16;
    g.reg(kRcx) = static_cast<uint64_t>(-61);
    g.Write64(kData + 8, 8);
    g.Exec("480fab0b");
    REQUIRE(g.Read64(kData + 8) == 8);
    REQUIRE(g.Read64(kData + 16) == 0);
    REQUIRE((g.cpu().rflags & kFlagCF) != 0);  // the bit was already set
  }
}

TEST_CASE("BTR with an immediate and BTC on a 16-bit register", "[bit]") {
  SECTION("btr dword ptr [rbx], 3") {
    Guest g;
    g.reg(kRbx) = kData;
    g.Write64(kData, 0xff);
    g.Exec("0fba3303");
    REQUIRE(g.Read64(kData) == 0xf7);
    REQUIRE((g.cpu().rflags & kFlagCF) != 0);
  }
  SECTION("btc ax, cx: the offset wraps modulo 16") {
    Guest g;
    g.reg(kRax) = 0xabcd0001;
    g.reg(kRcx) = 16;
    g.Exec("660fbbc8");
    REQUIRE(g.reg(kRax) == 0xabcd0000);
    REQUIRE((g.cpu().rflags & kFlagCF) != 0);
  }
}

TEST_CASE("BSF and BSR; a zero source sets ZF and leaves the destination whole", "[bit]") {
  constexpr uint64_t kUndefined = kFlagCF | kFlagOF | kFlagSF | kFlagAF | kFlagPF;
  SECTION("bsf rax, rbx") {
    Guest g;
    g.reg(kRbx) = 0x10100;
    g.cpu().rflags = Flags(kFlagZF);
    g.Exec("480fbcc3");
    REQUIRE(g.reg(kRax) == 8);
    REQUIRE(Defined(g.cpu().rflags, kUndefined) == Flags(0));
  }
  SECTION("bsf rax, 0") {
    Guest g;
    g.reg(kRax) = 0x1234;
    g.reg(kRbx) = 0;
    g.Exec("480fbcc3");
    REQUIRE(g.reg(kRax) == 0x1234);
    REQUIRE(Defined(g.cpu().rflags, kUndefined) == Flags(kFlagZF));
  }
  SECTION("bsr ecx, [rbx] zero-extends") {
    Guest g;
    g.reg(kRbx) = kData;
    g.reg(kRcx) = ~0ull;
    g.Write64(kData, 0x00f00000);
    g.Exec("0fbd0b");
    REQUIRE(g.reg(kRcx) == 23);
  }
  SECTION("bsr ecx, 0 keeps all 64 bits of rcx") {
    Guest g;
    g.reg(kRbx) = kData;
    g.reg(kRcx) = 0xdeadbeef00000005;
    g.Exec("0fbd0b");
    REQUIRE(g.reg(kRcx) == 0xdeadbeef00000005);
    REQUIRE((g.cpu().rflags & kFlagZF) != 0);
  }
}

TEST_CASE("POPCNT clears every flag but ZF", "[bit]") {
  Guest g;
  g.cpu().rflags = Flags(kFlagCF | kFlagOF | kFlagSF);
  SECTION("non-zero") {
    g.reg(kRbx) = 0xf0f0;
    g.Exec("f3480fb8c3");
    REQUIRE(g.reg(kRax) == 8);
    REQUIRE(g.cpu().rflags == Flags(0));
  }
  SECTION("zero") {
    g.reg(kRax) = 5;
    g.reg(kRbx) = 0;
    g.Exec("f3480fb8c3");
    REQUIRE(g.reg(kRax) == 0);
    REQUIRE(g.cpu().rflags == Flags(kFlagZF));
  }
}

TEST_CASE("BSWAP 32 and 64", "[bit]") {
  Guest g;
  g.reg(kRax) = 0xffffffff11223344;
  g.reg(kRbx) = 0x0102030405060708;
  g.Exec("0fc8 480fcb");
  REQUIRE(g.reg(kRax) == 0x44332211);
  REQUIRE(g.reg(kRbx) == 0x0807060504030201);
}

TEST_CASE("SETcc writes one byte", "[move]") {
  Guest g;
  g.reg(kRax) = 0xffff;
  g.reg(kRbx) = kData;
  g.Write64(kData, 0xffff);
  g.cpu().rflags = Flags(kFlagSF | kFlagZF);
  g.Exec("0f9cc0 0f9503");  // setl al; setne byte ptr [rbx]
  REQUIRE(g.reg(kRax) == 0xff01);
  REQUIRE(g.Read64(kData) == 0xff00);
  g.reg(kRax) = 0;
  g.cpu().rflags = Flags(kFlagOF);
  g.Exec("0f90c4");  // seto ah
  REQUIRE(g.reg(kRax) == 0x100);
}

TEST_CASE("CMOVcc", "[move]") {
  SECTION("taken") {
    Guest g;
    g.reg(kRax) = 1;
    g.reg(kRbx) = 2;
    g.cpu().rflags = Flags(kFlagZF);
    g.Exec("480f44c3");  // cmove rax, rbx
    REQUIRE(g.reg(kRax) == 2);
  }
  SECTION("not taken, 32-bit: still zero-extends the destination") {
    Guest g;
    g.reg(kRax) = 0xffffffff12345678;
    g.reg(kRbx) = kData;
    g.cpu().rflags = Flags(kFlagZF);
    g.Exec("0f4503");  // cmovne eax, dword ptr [rbx]
    REQUIRE(g.reg(kRax) == 0x12345678);
  }
  SECTION("not taken: the memory source is still read, and can fault") {
    Guest g;
    g.reg(kRbx) = 0x10;
    g.cpu().rflags = Flags(kFlagZF);
    g.Load("0f4503");
    const RunResult r = g.RunToEnd();
    REQUIRE(r.reason == StopReason::kFault);
    REQUIRE(r.fault->kind == FaultKind::kUnmappedRead);
    REQUIRE(r.fault->address == 0x10);
  }
}

TEST_CASE("MOVZX MOVSX MOVSXD", "[move]") {
  Guest g;
  g.reg(kRbx) = 0xab00;
  g.reg(kRax) = ~0ull;
  g.Exec("0fb6c7");  // movzx eax, bh
  REQUIRE(g.reg(kRax) == 0xab);
  g.reg(kRbx) = kData;
  g.Write64(kData, 0x12348001);
  g.Exec("480fb703");  // movzx rax, word ptr [rbx]
  REQUIRE(g.reg(kRax) == 0x8001);
  g.reg(kRbx) = 0x80;
  g.Exec("480fbec3");  // movsx rax, bl
  REQUIRE(g.reg(kRax) == 0xffffffffffffff80);
  g.reg(kRax) = 0x8000;
  g.reg(kRcx) = ~0ull;
  g.Exec("0fbfc8");  // movsx ecx, ax
  REQUIRE(g.reg(kRcx) == 0xffff8000);
  g.reg(kRbx) = 0x80000000;
  g.Exec("4863c3");  // movsxd rax, ebx
  REQUIRE(g.reg(kRax) == 0xffffffff80000000);
}

TEST_CASE("LEA computes without touching memory or flags", "[move]") {
  Guest g;
  g.reg(kRbx) = 0x1000;
  g.reg(kRcx) = 2;
  g.cpu().rflags = Flags(kFlagCF);
  g.Exec("488d44cbf7");  // lea rax, [rbx+rcx*8-9]
  REQUIRE(g.reg(kRax) == 0x1007);
  REQUIRE(g.cpu().rflags == Flags(kFlagCF));
  g.reg(kRbx) = 0xfffffffffffffff0;
  g.reg(kRcx) = 1;
  g.Exec("8d448b07");  // lea eax, [rbx+rcx*4+7]: truncated to 32 bits
  REQUIRE(g.reg(kRax) == 0xfffffffb);
}

TEST_CASE("XCHG", "[move]") {
  Guest g;
  g.reg(kRbx) = kData;
  g.reg(kRax) = 2;
  g.Write64(kData, 1);
  g.Exec("488703");  // xchg [rbx], rax
  REQUIRE(g.reg(kRax) == 1);
  REQUIRE(g.Read64(kData) == 2);
  g.reg(kRax) = 0x1200;
  g.reg(kRbx) = 0x34;
  g.Exec("86dc");  // xchg ah, bl
  REQUIRE(g.reg(kRax) == 0x3400);
  REQUIRE(g.reg(kRbx) == 0x12);
}

TEST_CASE("CBW CWDE CDQE CWD CDQ CQO", "[move]") {
  Guest g;
  g.reg(kRax) = 0x1111111111111180;
  g.Exec("6698");  // cbw
  REQUIRE(g.reg(kRax) == 0x111111111111ff80);
  g.reg(kRax) = 0x1111111111118000;
  g.Exec("98");  // cwde
  REQUIRE(g.reg(kRax) == 0xffff8000);
  g.reg(kRax) = 0x80000000;
  g.Exec("4898");  // cdqe
  REQUIRE(g.reg(kRax) == 0xffffffff80000000);
  g.reg(kRax) = 0x8000;
  g.reg(kRdx) = 0x1111111111110000;
  g.Exec("6699");  // cwd
  REQUIRE(g.reg(kRdx) == 0x111111111111ffff);
  g.reg(kRax) = 0x7fffffff;
  g.reg(kRdx) = ~0ull;
  g.Exec("99");  // cdq
  REQUIRE(g.reg(kRdx) == 0);
  g.reg(kRax) = ~0ull;
  g.Exec("4899");  // cqo
  REQUIRE(g.reg(kRdx) == ~0ull);
}

TEST_CASE("LAHF and SAHF move SF ZF AF PF CF through AH", "[flags]") {
  Guest g;
  g.reg(kRax) = 0;
  g.cpu().rflags = Flags(kFlagSF | kFlagZF | kFlagAF | kFlagPF | kFlagCF | kFlagOF);
  g.Exec("9f");  // lahf
  REQUIRE(g.reg(kRax) == 0xd700);
  g.reg(kRax) = 0x0000;
  g.Exec("9e");  // sahf: clears the five, OF stays
  REQUIRE(g.cpu().rflags == Flags(kFlagOF));
  g.reg(kRax) = 0xff00;
  g.Exec("9e");
  REQUIRE(g.cpu().rflags == Flags(kFlagSF | kFlagZF | kFlagAF | kFlagPF | kFlagCF | kFlagOF));
}

TEST_CASE("CLC STC CMC CLD STD", "[flags]") {
  Guest g;
  g.Exec("f9");  // stc
  REQUIRE(g.cpu().rflags == Flags(kFlagCF));
  g.Exec("f5");  // cmc
  REQUIRE(g.cpu().rflags == Flags(0));
  g.Exec("f5 fd");  // cmc; std
  REQUIRE(g.cpu().rflags == Flags(kFlagCF | kFlagDF));
  g.Exec("f8 fc");  // clc; cld
  REQUIRE(g.cpu().rflags == Flags(0));
}

TEST_CASE("PUSHFQ and POPFQ", "[stack]") {
  Guest g;
  g.cpu().rflags = Flags(kFlagCF | kFlagDF);
  g.Exec("9c");  // pushfq
  REQUIRE(g.reg(kRsp) == kStackTop - 8);
  REQUIRE(g.Read64(kStackTop - 8) == 0x603);
  // popfq of all ones: user mode changes status, DF, NT, AC, ID only.
  g.Write64(kStackTop - 8, ~0ull);
  g.cpu().rflags = Flags(0);
  g.Exec("9d");
  REQUIRE(g.reg(kRsp) == kStackTop);
  REQUIRE(g.cpu().rflags == 0x244ed7);
}

TEST_CASE("PUSH register, memory, immediate", "[stack]") {
  Guest g;
  g.reg(kRax) = 0x1111;
  g.reg(kRbx) = kData;
  g.Write64(kData, 0x2222);
  g.Exec("50 ff33 6afb");  // push rax; push qword ptr [rbx]; push -5
  REQUIRE(g.reg(kRsp) == kStackTop - 24);
  REQUIRE(g.Read64(kStackTop - 8) == 0x1111);
  REQUIRE(g.Read64(kStackTop - 16) == 0x2222);
  REQUIRE(g.Read64(kStackTop - 24) == static_cast<uint64_t>(-5));
}

TEST_CASE("POP to memory addresses with the incremented RSP", "[stack]") {
  Guest g;
  g.Write64(kStackTop, 0x11);
  g.Write64(kStackTop + 8, 0x22);
  g.Exec("8f0424");  // pop qword ptr [rsp]
  REQUIRE(g.reg(kRsp) == kStackTop + 8);
  REQUIRE(g.Read64(kStackTop + 8) == 0x11);
  g.reg(kRsp) = kStackTop;
  g.Write64(kStackTop, 0x33);
  g.Exec("8f442408");  // pop qword ptr [rsp+8]
  REQUIRE(g.Read64(kStackTop + 16) == 0x33);
}

TEST_CASE("POP RSP loads the popped value", "[stack]") {
  Guest g;
  g.Write64(kStackTop, 0x1234);
  g.Exec("5c");
  REQUIRE(g.reg(kRsp) == 0x1234);
}

}  // namespace goemu::emu::testing

namespace goemu::emu::testing {

TEST_CASE("16-bit PUSH and POP move RSP by two", "[stack]") {
  Guest g;
  g.reg(kRax) = 0x12345678;
  g.reg(kRbx) = 0xffffffffffffffff;
  g.Exec("6650 665b");  // push ax; pop bx
  REQUIRE(g.reg(kRsp) == kStackTop);
  REQUIRE(g.reg(kRbx) == 0xffffffffffff5678);
  g.Exec("6650");
  REQUIRE(g.reg(kRsp) == kStackTop - 2);
  REQUIRE((g.Read64(kStackTop - 8) >> 48) == 0x5678);
}

}  // namespace goemu::emu::testing
