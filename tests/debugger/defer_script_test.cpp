// Scripts against programs/defer.s: the jmpdefer loop seen through breakpoints, bt,
// finish, the return-address rewrite event, the defer chain and memory.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "runtime_model/program.h"
#include "tests/debugger/script_harness.h"

namespace goemu::debugger::testing {
namespace {

using Lines = std::vector<std::string>;

TEST_CASE("break runtime·jmpdefer, continue, bt, finish, defers, x sp", "[debugger][defer]") {
  const Transcript t = RunScript("defer.s", "break runtime·jmpdefer\ncontinue\nbt\nfinish\ndefers\nx sp 2\n");
  REQUIRE(t.blocks.size() == 7);
  // The address is the symbol's, as the linker placed it.
  rt::BuildResult built = rt::BuildProgram({GOEMU_SOURCE_DIR "/programs/defer.s"});
  REQUIRE(built.ok());
  const uint64_t jmpdefer = built.image.FindSymbol("runtime.jmpdefer")->addr;
  REQUIRE(t.blocks[1].lines.size() == 1);
  CHECK(t.blocks[1].lines[0].starts_with(fmt::format("Breakpoint 1 at {:#x} runtime.jmpdefer (", jmpdefer)));
  CHECK(Normalize(t.blocks[1].lines) == Lines{"Breakpoint 1 at ADDR runtime.jmpdefer (runtime_model/asm/asm_amd64.s:N)"});

  // init's threeDefers has printed its line and reached its deferreturn; the first deferred
  // call is being handed to jmpdefer.
  CHECK(Normalize(t.blocks[2].lines) == Lines{
                                            "threeDefers returns",
                                            "Breakpoint 1, ADDR runtime.jmpdefer (runtime_model/asm/asm_amd64.s:N)",
                                            "[step N] ADDR runtime.jmpdefer: MOVQ\tfv+8(FP), DX",
                                        });
  CHECK(Normalize(t.blocks[3].lines) == Lines{
                                            "g1 stack [ADDR, ADDR) 2048 bytes, sp=ADDR",
                                            "#0  ADDR runtime.jmpdefer (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR",
                                            "#1  ADDR runtime.deferreturn+N (runtime_model/asm/panic.s:N) entry_sp=ADDR",
                                            "#2  ADDR main.threeDefers+250 (programs/defer.s:111) entry_sp=ADDR",
                                            "#3  ADDR main.init+32 (programs/defer.s:64) entry_sp=ADDR",
                                            "#4  ADDR runtime.main+N (runtime_model/asm/proc_sched.s:N) entry_sp=ADDR",
                                            "#5  ADDR runtime.goexit+N (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR",
                                            "(unwinding ended: top-frame)",
                                        });
  // At jmpdefer's first instruction its frame starts at SP: the return slot is SP itself.
  const std::string& header = t.blocks[3].lines[0];
  const std::string sp = header.substr(header.find("sp=") + 3);
  CHECK(t.blocks[3].lines[1].ends_with("entry_sp=" + sp));

  // jmpdefer leaves by jumping into the deferred function with deferreturn's frame gone.
  CHECK(Normalize(t.blocks[4].lines) == Lines{"Run till exit from runtime.jmpdefer",
                                              "[step N] ADDR main.show: MOVQ\t(TLS), CX"});
  // show(3) has been unlinked; show(2) is next, then show(1).
  const Lines defers = Normalize(t.blocks[5].lines);
  REQUIRE(defers.size() == 3);
  CHECK(defers[0] == "_defer chain of g1: 2 records, newest first");
  CHECK(defers[1] == "  [0] ADDR siz 8 sp ADDR pc ADDR main.threeDefers+141 fn ADDR -> main.show args 0x2");
  CHECK(defers[2].starts_with("  [1] ADDR siz "));
  CHECK(defers[2].find("pc ADDR main.threeDefers+90 fn ADDR -> main.show args 0x1") != std::string::npos);
  // show was entered on the rewritten return address: it returns onto the CALL deferreturn
  // (threeDefers+245), with its argument 3 right above.
  CHECK(Normalize(t.blocks[6].lines) == Lines{"ADDR: ADDR main.threeDefers+245", "ADDR: 0x0000000000000003"});
  CHECK(t.blocks[6].lines[0].starts_with(sp.substr(0, sp.size() - 2)));
}

TEST_CASE("break-on retaddr-rewrite stops right after jmpdefer's SUBQ $5, (SP)", "[debugger][defer]") {
  const Transcript t = RunScript(
      "defer.s", "break-on retaddr-rewrite\ncontinue\nbt\nstepi 5\nstep-count\ncontinue\ndelete\ncontinue\nstepi\n");
  REQUIRE(t.blocks.size() == 10);
  CHECK(t.blocks[1].lines == Lines{"Breakpoint 1 on event retaddr-rewrite"});
  CHECK(Normalize(t.blocks[2].lines) ==
        Lines{"threeDefers returns",
              "Event retaddr-rewrite slot=ADDR main.threeDefers+250 -> main.threeDefers+245 delta=-5",
              "[step N] ADDR runtime.jmpdefer+N: MOVQ\t(DX), BX"});
  // deferreturn's frame is gone; the return slot at jmpdefer's SP now names threeDefers'
  // CALL deferreturn (line 108 is the XCHGL before it: a return address's line is the
  // instruction ending there).
  CHECK(Normalize(t.blocks[3].lines) ==
        Lines{"g1 stack [ADDR, ADDR) 2048 bytes, sp=ADDR",
              "#0  ADDR runtime.jmpdefer+N (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR [return address rewritten]",
              "#1  ADDR main.threeDefers+245 (programs/defer.s:110) entry_sp=ADDR",
              "#2  ADDR main.init+32 (programs/defer.s:64) entry_sp=ADDR",
              "#3  ADDR runtime.main+N (runtime_model/asm/proc_sched.s:N) entry_sp=ADDR",
              "#4  ADDR runtime.goexit+N (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR",
              "(unwinding ended: top-frame)"});
  const uint64_t at_event = StepOf(t.blocks[2].lines.back());
  const uint64_t after_stepi = StepOf(t.blocks[4].lines.back());
  CHECK(after_stepi == at_event + 5);
  CHECK(t.blocks[5].lines == Lines{fmt::format("{} instructions retired", after_stepi)});
  // The second deferred call gets the same treatment.
  CHECK(Normalize(t.blocks[6].lines) ==
        Lines{"deferred 3", "Event retaddr-rewrite slot=ADDR main.threeDefers+250 -> main.threeDefers+245 delta=-5",
              "[step N] ADDR runtime.jmpdefer+N: MOVQ\t(DX), BX"});
  CHECK(t.blocks[7].lines == Lines{"Deleted 1 breakpoint."});
  CHECK(Normalize(t.blocks[8].lines) == Lines{"deferred 2", "deferred 1", "defer", "Program exited with status 0.",
                                              "[step N] program exited with status 0"});
  CHECK(t.blocks[9].lines == Lines{"error: the program is not running: exited with status 0"});
}

TEST_CASE("next over CALL deferreturn stops at the CALL again after each deferred call", "[debugger][defer]") {
  const Transcript t = RunScript("defer.s", "break defer.s:111\ncontinue\nnext\nnext\nnext\nnext\n");
  REQUIRE(t.blocks.size() == 7);
  CHECK(Normalize(t.blocks[1].lines) == Lines{"Breakpoint 1 at ADDR main.threeDefers+245 (programs/defer.s:111)"});
  const std::string at_call = "[step N] ADDR main.threeDefers+245: CALL\truntime.deferreturn(SB)";
  CHECK(Normalize(t.blocks[2].lines) ==
        Lines{"threeDefers returns", "Breakpoint 1, ADDR main.threeDefers+245 (programs/defer.s:111)", at_call});
  CHECK(Normalize(t.blocks[3].lines) == Lines{"deferred 3", at_call});
  CHECK(Normalize(t.blocks[4].lines) == Lines{"deferred 2", at_call});
  CHECK(Normalize(t.blocks[5].lines) == Lines{"deferred 1", at_call});
  CHECK(Normalize(t.blocks[6].lines) == Lines{"[step N] ADDR main.threeDefers+250: MOVQ\t184(SP), BP"});
}

TEST_CASE("a blank line repeats the last step, errors are one line and the session goes on", "[debugger][repl]") {
  const Transcript t =
      RunScript("defer.s", "stepi 3\n\n\nbogus\nstepi x\nx sp 0\nbreak nosuch\nbreak-on nothing\nbreak 0x1\nregs\n\n");
  REQUIRE(t.blocks.size() == 12);
  CHECK(StepOf(t.blocks[1].lines.back()) == 3);
  CHECK(StepOf(t.blocks[2].lines.back()) == 6);
  CHECK(StepOf(t.blocks[3].lines.back()) == 9);
  CHECK(t.blocks[4].lines == Lines{"error: unknown command \"bogus\" (try help)"});
  CHECK(t.blocks[5].lines == Lines{"error: stepi: bad count \"x\": want a number from 1 to 18446744073709551615"});
  CHECK(t.blocks[6].lines == Lines{"error: x: bad count \"0\": want a number from 1 to 4096"});
  CHECK(t.blocks[7].lines == Lines{"error: break: no symbol \"nosuch\""});
  CHECK(t.blocks[8].lines.size() == 1);
  CHECK(t.blocks[8].lines[0].starts_with("error: break-on: unknown event \"nothing\""));
  CHECK(t.blocks[9].lines == Lines{"error: break: 0x1 does not start an instruction"});
  // regs shows the pc the location line shows.
  const std::string where = t.blocks[3].lines.back();
  const std::string pc = where.substr(where.find("] ") + 2, where.find(' ', where.find("] ") + 2) - where.find("] ") - 2);
  REQUIRE(t.blocks[10].lines.size() == 6);
  CHECK(t.blocks[10].lines[4].starts_with(fmt::format("rip {:#018x} ", std::stoull(pc, nullptr, 16))));
  // Errors do not replace the command a blank line repeats, and it keeps its count.
  CHECK(StepOf(t.blocks[11].lines.back()) == 12);
}

}  // namespace
}  // namespace goemu::debugger::testing

namespace goemu::debugger::testing {
namespace {

TEST_CASE("frames draws the tracer's diagram of the stack SP is on", "[debugger][defer]") {
  const Transcript t = RunScript("defer.s", "break runtime·jmpdefer\ncontinue\nregs\nframes\n");
  REQUIRE(t.blocks.size() == 5);
  const std::string rsp = t.blocks[3].lines[1].substr(4, 18);  // "rsp 0x000000c00001fec8"
  const uint64_t sp = std::stoull(rsp, nullptr, 16);
  bool innermost = false, sp_row = false, caller = false;
  for (const std::string& line : t.blocks[4].lines) {
    innermost |= line.find("+-- runtime.jmpdefer (frame 0, args 16)") != std::string::npos;
    caller |= line.find("+-- main.threeDefers (frame 192, args 0)") != std::string::npos;
    // SP points at jmpdefer's return slot: the address back into deferreturn.
    sp_row |= line.find(fmt::format("{:#014x} |", sp)) != std::string::npos &&
              line.find("ret runtime.deferreturn+") != std::string::npos && line.ends_with("<- SP");
  }
  CHECK(innermost);
  CHECK(caller);
  CHECK(sp_row);
}

}  // namespace
}  // namespace goemu::debugger::testing
