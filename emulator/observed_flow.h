// ObservedCall and ObservedRet (threaded.h) as templates over an observer's inline part, so
// that an observer with hooks (flow_hooks.h) can offer handlers of its own
// (FlowHooks::call_through, call_direct, ret_handler) that settle their commonest case
// inside the CALL's or RET's handler: no hook called, no retired() adjusted for it.
//
// Inline (void: none) has
//   static bool Call(void* observer, uint64_t step, uint64_t sp, uint64_t pc, uint64_t target,
//                    uint64_t site);
//   static bool Ret(void* observer, uint64_t step, uint64_t sp, uint64_t pc, uint64_t target);
// called once the instruction ran, with step what retired() would say (FlowReport::Step)
// and sp RSP after it. True: it did all that the hook would have, except marking the
// observer current, which the handler does. False: it changed nothing, and the handler
// tail-calls the rest out of line (ReportCallLater, ReportRetLater): the hook, as in
// ObservedCall.
#pragma once
#include <cstdint>
#include <type_traits>

#include "emulator/block.h"
#include "emulator/exec_call.h"
#include "emulator/flow_report.h"
#include "emulator/threaded.h"

namespace goemu::emu {

// What the hook and the general path do for a CALL that ran, when no inline part settled it.
// RSP before, which a declined hook's report needs, is worked out again after the hook:
// kept across it, it would cost every call a saved register.
template <bool kThrough>
[[gnu::always_inline]] inline void ReportCall(ExecContext& c, const DecodedInsn& d) {
  if (!FlowReport::Tell(c, d, c.flow.call, d.imm, static_cast<uint64_t>(d.disp))) [[unlikely]] {
    FlowReport::Generic(c, d, c.cpu.gpr[kRsp] + 8, d.imm);
  }
  // The block goes on at the target; a CALL that ends its block left rip there.
  if constexpr (kThrough) c.cpu.rip = c.block->end_pc;
  return Next(c, d);
}

[[gnu::always_inline]] inline void ReportRet(ExecContext& c, const DecodedInsn& d) {
  if (!FlowReport::Tell(c, d, c.flow.ret, c.cpu.rip, 0)) [[unlikely]] {
    FlowReport::Generic(c, d, c.cpu.gpr[kRsp] - 8 - d.imm, c.cpu.rip);
  }
  return Next(c, d);
}

// The same, out of line, for a handler with an inline part to tail-call when that part
// declines: the handler then makes no call of its own, and saves no register for one.
template <bool kThrough>
[[gnu::noinline]] void ReportCallLater(ExecContext& c, const DecodedInsn& d) {
  return ReportCall<kThrough>(c, d);
}
[[gnu::noinline]] inline void ReportRetLater(ExecContext& c, const DecodedInsn& d) { return ReportRet(c, d); }

// What a fast half cannot do (a TLB miss, a watched store) goes the observed way, reported
// as always.
template <typename Inline, bool kThrough>
[[gnu::always_inline]] inline void ObservedCallWith(ExecContext& c, const DecodedInsn& d) {
  const bool ran = kThrough ? CallThrough<true>(c, d) : Call<Loc::kImm, true>(c, d);
  if (!ran) [[unlikely]] return ObservedThreaded(c, d);
  if constexpr (std::is_void_v<Inline>) {
    return ReportCall<kThrough>(c, d);
  } else {
    if (!Inline::Call(c.flow.observer, FlowReport::Step(c, d), c.cpu.gpr[kRsp], d.pc, d.imm,
                      static_cast<uint64_t>(d.disp))) [[unlikely]] {
      return ReportCallLater<kThrough>(c, d);
    }
    c.observer_current = true;
    if constexpr (kThrough) c.cpu.rip = c.block->end_pc;
    return Next(c, d);
  }
}

template <typename Inline>
[[gnu::always_inline]] inline void ObservedRetWith(ExecContext& c, const DecodedInsn& d) {
  if (!Ret<true>(c, d)) [[unlikely]] return ObservedThreaded(c, d);
  if constexpr (std::is_void_v<Inline>) {
    return ReportRet(c, d);
  } else {
    if (!Inline::Ret(c.flow.observer, FlowReport::Step(c, d), c.cpu.gpr[kRsp], d.pc, c.cpu.rip)) [[unlikely]] {
      return ReportRetLater(c, d);
    }
    c.observer_current = true;
    return ExitBlockEnd(c, (&d)[1]);  // the end record's exit (exec_control.cpp's RetThreaded)
  }
}

}  // namespace goemu::emu
