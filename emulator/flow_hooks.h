// A shortcut an observer may offer around ExecutionObserver::OnRetired (machine.h) for the
// reports nearly every traced call makes, a direct CALL and a RET: blocks built for the
// observer run those through ObservedCall and ObservedRet (threaded.h), which call a hook
// with a few facts instead of building a RetiredInsn for a virtual call.
#pragma once
#include <cstdint>

namespace goemu::emu {

class Machine;
struct ExecContext;
struct DecodedInsn;
using Handler = void (*)(ExecContext&, const DecodedInsn&);  // an instruction's (decoded_insn.h)

// Gets the observer (FlowHooks::observer), the machine (rip is next_pc, retired() counts the
// instruction), the instruction's pc, where it went, and for a CALL the word the observer
// gave for its site (ExecutionObserver::DescribeCall). Returns true having done all that
// OnRetired would have; false having changed nothing, and the machine calls OnRetired.
// Never called for an instruction that stored to a watched address: those are stepped and
// reported.
using FlowHook = bool (*)(void* observer, Machine& machine, uint64_t pc, uint64_t next_pc, uint64_t site);

struct FlowHooks {
  void* observer = nullptr;
  FlowHook call = nullptr;  // a direct CALL that DescribeCall described
  FlowHook ret = nullptr;   // a RET or RET imm16; site is 0
  // Optional, with the hooks: the observer's own handlers for those instructions, which
  // settle the commonest cases inline before calling the hooks (observed_flow.h's
  // ObservedCallWith and ObservedRetWith over the observer's inline part), in place of
  // ObservedCall<true> (a CALL its block goes on through), ObservedCall<false>, ObservedRet.
  Handler call_through = nullptr;
  Handler call_direct = nullptr;
  Handler ret_handler = nullptr;
};

}  // namespace goemu::emu
