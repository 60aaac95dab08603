// First end-to-end checks of the machine: a short program with the core
// families, stepping, and the disassembler.
#include <catch2/catch.hpp>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

TEST_CASE("a straight-line program with MOV ADD SUB CMP PUSH POP CALL RET JMP", "[machine]") {
  Guest g;
  g.reg(kRbx) = 0x10;
  g.reg(kRcx) = 0xffffffff00000000;
  g.Load("48b88877665544332211 4801d8 83e901 4839d8 50 5a e802000000 eb01 c3 90");
  const RunResult r = g.RunToEnd();
  REQUIRE(r.reason == StopReason::kEnd);
  REQUIRE(r.steps == 10);
  REQUIRE(g.reg(kRax) == 0x1122334455667798);
  // sub ecx, 1 on 0: 32-bit result zero-extends, borrow sets CF.
  REQUIRE(g.reg(kRcx) == 0xffffffff);
  REQUIRE(g.reg(kRdx) == 0x1122334455667798);
  REQUIRE(g.reg(kRsp) == kStackTop);
  // cmp rax, rbx: positive, no borrow; the low byte 0x88 has even parity.
  REQUIRE(g.cpu().rflags == Flags(kFlagPF));
  REQUIRE(g.machine.retired() == 10);
}

TEST_CASE("Step executes exactly one instruction", "[machine]") {
  Guest g;
  g.Load("4801d8 4801d8");
  g.reg(kRax) = 1;
  g.reg(kRbx) = 2;
  REQUIRE_FALSE(g.machine.Step().has_value());
  REQUIRE(g.reg(kRax) == 3);
  REQUIRE(g.cpu().rip == kText + 3);
  REQUIRE(g.machine.retired() == 1);
}

TEST_CASE("Disassemble gives Intel syntax", "[machine]") {
  Guest g;
  g.Load("4801d8 b405 ff1510000000");
  REQUIRE(g.machine.Disassemble(kText) == "add rax, rbx");
  REQUIRE(g.machine.Disassemble(kText + 3) == "mov ah, 0x05");
  REQUIRE(g.machine.Disassemble(kText + 5) == "call [0x000000000040101B]");
}

}  // namespace goemu::emu::testing
