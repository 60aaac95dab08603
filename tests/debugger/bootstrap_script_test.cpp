// Scripts against programs/bootstrap.s: the boot seen from main.main (stacks, g, m),
// finish back into runtime.main, and the run to exit.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/debugger/script_harness.h"

namespace goemu::debugger::testing {
namespace {

using Lines = std::vector<std::string>;

// The n-th "0x..." number of a line.
uint64_t HexField(const std::string& line, int n) {
  size_t at = 0;
  for (int i = 0; i <= n; ++i) {
    at = line.find("0x", i == 0 ? 0 : at + 2);
    REQUIRE(at != std::string::npos);
  }
  return std::stoull(line.substr(at), nullptr, 16);
}

TEST_CASE("break main·main, continue, stacks, g, m, finish, continue", "[debugger][bootstrap]") {
  const Transcript t = RunScript("bootstrap.s", "break main·main\ncontinue\nstacks\ng\nm\nfinish\ncontinue\n");
  REQUIRE(t.blocks.size() == 8);
  CHECK(Normalize(t.blocks[0].lines) == Lines{"[step N] ADDR _rt0_amd64_linux: JMP\t_rt0_amd64(SB)"});
  CHECK(Normalize(t.blocks[2].lines) ==
        Lines{"Breakpoint 1, ADDR main.main (programs/bootstrap.s:16)", "[step N] ADDR main.main: MOVQ\t(TLS), CX"});
  // g0 waits in mstart's frame (saved by the switch to g1); g1 runs main.main over
  // runtime.main over goexit, the return address newproc planted.
  CHECK(Normalize(t.blocks[3].lines) ==
        Lines{"g0 (g ADDR, goid 0, idle) stack [ADDR, ADDR) 65432 bytes",
              "  from sched: sp=ADDR pc=runtime.mstart+N",
              "  #0  ADDR runtime.mstart+N (runtime_model/asm/proc_boot.s:N) entry_sp=ADDR",
              "  (unwinding ended: top-frame)",
              "gsignal (g ADDR, goid 0, idle) stack [ADDR, ADDR) 32768 bytes",
              "  no frames: not running and no saved context",
              "g1 (g ADDR, goid 1, running) stack [ADDR, ADDR) 2048 bytes",
              "  sp here: ADDR",
              "  #0  ADDR main.main (programs/bootstrap.s:16) entry_sp=ADDR",
              "  #1  ADDR runtime.main+N (runtime_model/asm/proc_sched.s:N) entry_sp=ADDR",
              "  #2  ADDR runtime.goexit+N (runtime_model/asm/asm_amd64.s:N) entry_sp=ADDR",
              "  (unwinding ended: top-frame)"});

  const Lines& g = t.blocks[4].lines;
  REQUIRE(g.size() == 6);
  CHECK(Normalize(g[0]) == "g ADDR g1 goid 1 status running (2)");
  CHECK(Normalize(g[1]) == "  stack [ADDR, ADDR) 2048 bytes");
  // mstart-era guard: stackguard0 = stack.lo + _StackGuard (880); stackguard1 is ~0 on a user g.
  CHECK(HexField(g[2], 0) == HexField(g[1], 0) + 880);
  CHECK(HexField(g[2], 1) == UINT64_MAX);
  CHECK(Normalize(g[3]) == "  sched sp=0x0 pc=ADDR runtime.main ctxt=0x0 ret=0x0 bp=0x0");
  CHECK(Normalize(g[4]) == "  m ADDR (id 0)");
  CHECK(g[5] == "  _defer 0x0  _panic 0x0");

  const Lines& m = t.blocks[5].lines;
  REQUIRE(m.size() == 4);
  CHECK(HexField(m[0], 0) == HexField(g[4], 0));
  CHECK(Normalize(m[0]) == "m ADDR id 0 procid 1");
  CHECK(Normalize(m[1]) == "  g0 ADDR (g0)  curg ADDR (g1)  gsignal ADDR (gsignal)");
  CHECK(HexField(m[1], 1) == HexField(g[0], 0));
  // TLS: tls[0] holds the current g, at m+136, and FS points 8 bytes past it.
  CHECK(Normalize(m[3]) == "  tls[0] ADDR (g1) at ADDR  fs_base ADDR");
  CHECK(HexField(m[3], 0) == HexField(g[0], 0));
  CHECK(HexField(m[3], 1) == HexField(m[0], 0) + 136);
  CHECK(HexField(m[3], 2) == HexField(m[3], 1) + 8);

  const Lines finish = Normalize(t.blocks[6].lines);
  REQUIRE(finish.size() == 3);
  CHECK(finish[0] == "Run till exit from main.main");
  CHECK(finish[1] == "hello, world");
  CHECK(finish[2].starts_with("[step N] ADDR runtime.main+N: "));
  CHECK(Normalize(t.blocks[7].lines) == Lines{"Program exited with status 0.", "[step N] program exited with status 0"});
}

TEST_CASE("file:line breakpoints, next over a CALL, delete N", "[debugger][bootstrap]") {
  const Transcript t = RunScript("bootstrap.s",
                                 "break bootstrap.s:17\nbreak programs/bootstrap.s:21\ncontinue\ndelete 1\ncontinue\n"
                                 "next\ndelete 7\ncontinue\n");
  REQUIRE(t.blocks.size() == 9);
  CHECK(Normalize(t.blocks[1].lines) == Lines{"Breakpoint 1 at ADDR main.main+29 (programs/bootstrap.s:17)"});
  CHECK(Normalize(t.blocks[2].lines) == Lines{"Breakpoint 2 at ADDR main.main+54 (programs/bootstrap.s:21)"});
  CHECK(Normalize(t.blocks[3].lines) == Lines{"Breakpoint 1, ADDR main.main+29 (programs/bootstrap.s:17)",
                                              "[step N] ADDR main.main+29: CALL\truntime.printlock(SB)"});
  CHECK(t.blocks[4].lines == Lines{"Deleted 1 breakpoint."});
  CHECK(Normalize(t.blocks[5].lines) == Lines{"Breakpoint 2, ADDR main.main+54 (programs/bootstrap.s:21)",
                                              "[step N] ADDR main.main+54: CALL\truntime.printstring(SB)"});
  // printstring runs whole and writes without a newline; the stepper ends the line.
  CHECK(Normalize(t.blocks[6].lines) ==
        Lines{"hello, world", "[step N] ADDR main.main+59: CALL\truntime.printnl(SB)"});
  CHECK(StepOf(t.blocks[6].lines.back()) > StepOf(t.blocks[5].lines.back()) + 1);
  CHECK(t.blocks[7].lines == Lines{"error: delete: no breakpoint 7"});
  // printnl's newline arrives as an empty line.
  CHECK(Normalize(t.blocks[8].lines) ==
        Lines{"", "Program exited with status 0.", "[step N] program exited with status 0"});
}

}  // namespace
}  // namespace goemu::debugger::testing
