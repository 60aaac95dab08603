// How ObservedCall and ObservedRet (threaded.h), having run their CALL or RET threaded,
// tell the observer: through its hook (flow_hooks.h), or when the hook declines, the way
// ObservedThreaded does (OnRetired).
#pragma once
#include <cstdint>

#include "emulator/decoded_insn.h"
#include "emulator/machine.h"

namespace goemu::emu {

struct FlowReport {
  // The instructions retired once d has, in a threaded run: what retired() says while the
  // observer is told of d.
  static uint64_t Step(const ExecContext& c, const DecodedInsn& d) {
    return c.machine.retired_ + c.chained + d.exit_ran;
  }
  // Calls hook with rip at next_pc and retired() counting d, as when stepping; rip is
  // next_pc afterwards. Only c and d are kept across the call: what else the caller needs
  // after it, it works out again (as ReportRetired's quiet form does).
  [[gnu::always_inline]] static bool Tell(ExecContext& c, const DecodedInsn& d, FlowHook hook, uint64_t next_pc,
                                          uint64_t site) {
    c.cpu.rip = next_pc;
    const uint64_t retired = c.machine.retired_;
    c.machine.retired_ = Step(c, d);
    const bool told = hook(c.flow.observer, c.machine, d.pc, next_pc, site);
    c.machine.retired_ = retired;
    return told;
  }
  // OnRetired for d, which ran (RSP was rsp_before) and went to next_pc; rip is next_pc.
  // Defined in machine.cpp, out of line: the hooks decline seldom.
  [[gnu::noinline]] static void Generic(ExecContext& c, const DecodedInsn& d, uint64_t rsp_before, uint64_t next_pc);
};

}  // namespace goemu::emu
