// Scripts against programs/stackgrow.s: stepping over a prologue's CALL morestack, under
// which the stack is copied to a larger one and the function carries on there.
#include <catch2/catch.hpp>

#include "tests/debugger/script_harness.h"

namespace goemu::debugger::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_CASE("next over CALL morestack stops after it, on the grown stack", "[debugger][stackgrow]") {
  // main.sum+107 is the prologue's CALL runtime.morestack_noctxt; the first time it runs,
  // sum(100) has filled the 2 KiB stack 33 frames deep.
  const Transcript t = RunScript("stackgrow.s", "break main·sum+107\ncontinue\nnext\nbt\nnext\n");
  REQUIRE(t.blocks.size() == 6);
  CHECK(Normalize(t.blocks[2].lines) ==
        Lines{"Breakpoint 1, ADDR main.sum+107 (programs/stackgrow.s:20)",
              "[step N] ADDR main.sum+107: CALL\truntime.morestack_noctxt(SB)"});
  // newstack resumes the g at the instruction after the CALL (the JMP back to the
  // function's start), with the frame as far below the new stack's top as it was.
  CHECK(Normalize(t.blocks[3].lines) == Lines{"[step N] ADDR main.sum+112: JMP\t0"});
  const Lines& bt = t.blocks[4].lines;
  REQUIRE(bt.size() == 40);
  CHECK(Normalize(bt[0]) == "g1 stack [ADDR, ADDR) 4096 bytes, sp=ADDR");
  CHECK(Normalize(bt[1]) == "#0  ADDR main.sum+112 (programs/stackgrow.s:20) entry_sp=ADDR");
  CHECK(Normalize(bt[38]) == "#37 ADDR runtime.goexit+N (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR");
  CHECK(Normalize(t.blocks[5].lines) == Lines{"[step N] ADDR main.sum: MOVQ\t(TLS), CX"});
}

}  // namespace
}  // namespace goemu::debugger::testing
