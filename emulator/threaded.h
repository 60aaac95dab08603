// Threaded dispatch: inside a block (decode_cache.h) every handler ends by
// jumping straight to the next instruction's handler, so each handler has an
// indirect branch of its own (predicted from its own history, not from one
// shared call site) and no call/return pair is spent per instruction. The
// jump is a tail call: g++ and clang turn `return next->exec(c, *next)` into a
// `jmp` at -O2 and above. Unoptimised builds make it a real call, which is
// still correct: a chain of linked blocks is at most kMaxChainInsns deep
// (block.h), and its last block's end record (BlockEnd) returns.
//
// Each decoded instruction has two handlers: `exec`, threaded, for the block
// loop, in its record, and `step`, which runs the one instruction and
// returns, for the machine's single-step walk (observer, budget, stop
// address), beside the records (Block::steps).
#pragma once
#include <cstddef>
#include <type_traits>

#include "emulator/decoded_insn.h"

namespace goemu::emu {

// The fast half of a two-way handler (see Load/Stored in operands.h): false,
// before it changed anything, when the general half must do the instruction.
using FastHandler = bool (*)(ExecContext&, const DecodedInsn&);

// Runs the handler of the instruction after d (the next in the block).
inline void Next(ExecContext& c, const DecodedInsn& d) {
  const DecodedInsn* next = &d + 1;
  return next->exec(c, *next);
}

// The record after a block's last instruction: goes on into the linked
// block, or ends the threaded run (block.h's ExitBlock).
void BlockEnd(ExecContext& c, const DecodedInsn& d);

// A handler that may throw (a fault, a block restart, a watched store) leaves
// the instruction that raised in ExecContext::fault_at. For a handler with no
// call on its path the compiler drops the try block: no cost.
//
// kCopy tells apart copies of one handler that are the same code at different
// addresses (replicas.h), each with its own jump to the next record; no_icf
// keeps the compiler from folding them back into one.
template <Handler H, unsigned kCopy = 0>
[[gnu::no_icf]] void Threaded(ExecContext& c, const DecodedInsn& d) {
  try {
    H(c, d);
  } catch (...) {
    c.fault_at = &d;
    throw;
  }
  return Next(c, d);
}

// The general half runs out of line, so the fast half keeps no registers
// across a call and its handler saves none.
template <FastHandler G>
[[gnu::noinline]] void ThreadedGeneral(ExecContext& c, const DecodedInsn& d) {
  try {
    G(c, d);
  } catch (...) {
    c.fault_at = &d;
    throw;
  }
  return Next(c, d);
}

template <FastHandler F, FastHandler G, unsigned kCopy = 0>
[[gnu::no_icf]] void ThreadedTwoWay(ExecContext& c, const DecodedInsn& d) {
  if (!F(c, d)) [[unlikely]] return ThreadedGeneral<G>(c, d);
  return Next(c, d);
}

// Stepping takes the same two halves, so what the single-step tests and the
// differential tester check is the code the threaded run executes; the
// general half out of line here too, so the fast one saves no registers.
template <FastHandler G>
[[gnu::noinline]] void StepGeneral(ExecContext& c, const DecodedInsn& d) {
  G(c, d);
}
template <FastHandler F, FastHandler G>
void StepTwoWay(ExecContext& c, const DecodedInsn& d) {
  if (!F(c, d)) [[unlikely]] return StepGeneral<G>(c, d);
}

// Handlers that look up the plain one (Block::StepOf): one
// indirect call more per instruction, for the rare instructions bound that way.
void ThreadedIndirect(ExecContext& c, const DecodedInsn& d);

// What a block built for an observer (DecodeCache::SetObserved) runs for an
// instruction of a class the observer asked for: the instruction through its
// step handler, with rip where it goes next, then the observer, then on to
// the next record; a branch that leaves the block's path ends the run there.
// So a traced program stays threaded and only the observed instructions pay.
// Defined in machine.cpp: it reaches the machine's observer and counter.
void ObservedThreaded(ExecContext& c, const DecodedInsn& d);
// The same for an instruction the observer called quiet (ExecutionObserver::
// Quiet): reported only when RSP after it leaves the watch list's quiet_sp.
void QuietThreaded(ExecContext& c, const DecodedInsn& d);
// QuietThreaded's threaded form for an instruction whose fast half F moves no rip (ADD and
// SUB r64, imm: the SP adjustments of prologues and epilogues, see decoder.h's
// QuietFormOf): F inline, no step handler called; the report, when due, out of line, and
// the run goes on from there (a tail call: nothing is kept across it, no register saved).
void ReportQuietAndGoOn(ExecContext& c, const DecodedInsn& d, uint64_t rsp_before);
template <FastHandler F>
void QuietThreadedOf(ExecContext& c, const DecodedInsn& d) {
  const uint64_t rsp_before = c.cpu.gpr[kRsp];
  if (!F(c, d)) [[unlikely]] return QuietThreaded(c, d);
  const WatchRange& quiet = c.watch->quiet_sp;
  if (!c.observer_current || c.cpu.gpr[kRsp] - quiet.base >= quiet.span) [[unlikely]] {
    return ReportQuietAndGoOn(c, d, rsp_before);
  }
  return Next(c, d);
}
// What such a block runs instead, when the observer has hooks (flow_hooks.h), for a direct
// CALL the observer described (kThrough: one the block goes on through, kCallThrough) and
// for a RET: the instruction threaded, then the hook. Defined in exec_control.cpp.
template <bool kThrough>
void ObservedCall(ExecContext& c, const DecodedInsn& d);
void ObservedRet(ExecContext& c, const DecodedInsn& d);

// What a family binder (bind.h) picks for an instruction: both handlers, or
// none (nullptr) when the form is not the family's.
struct Bound {
  Handler exec = nullptr;
  Handler step = nullptr;
  constexpr Bound() = default;
  constexpr Bound(std::nullptr_t) {}
  constexpr Bound(Handler threaded, Handler single) : exec(threaded), step(single) {}
  // A plain handler: threaded through ThreadedIndirect.
  constexpr Bound(Handler h) : exec(h != nullptr ? &ThreadedIndirect : nullptr), step(h) {}
  explicit constexpr operator bool() const { return step != nullptr; }
};

// A plain handler, inlined into its threaded form.
template <Handler H>
inline constexpr Bound kThreaded{&Threaded<H>, H};

// What the first of Forms whose handler exec is offers for it (Forms::Of(exec, n), nullptr
// when exec is not the form's), or nullptr: how a family lists its forms that have fused
// handlers (exec_jcc.h's ThenBranchForm, n a condition) or copies (replicas.h's
// ReplicaForm, n a copy).
template <typename... Forms>
Handler FirstFormOf(Handler exec, unsigned n) {
  Handler found = nullptr;
  ((found = found != nullptr ? found : Forms::Of(exec, n)), ...);
  return found;
}

// A two-way handler: Run<..., true> the fast half, Run<..., false> the general.
template <FastHandler F, FastHandler G>
inline constexpr Bound kTwoWay{&ThreadedTwoWay<F, G>, &StepTwoWay<F, G>};

// F::Run<Args...> bound either way: two-way when Run takes a trailing
// `bool kFast` and returns bool, plain otherwise.
template <typename F, auto... Args>
constexpr Bound BindRun() {
  if constexpr (requires { &F::template Run<Args..., true>; }) {
    return kTwoWay<&F::template Run<Args..., true>, &F::template Run<Args..., false>>;
  } else {
    return kThreaded<&F::template Run<Args...>>;
  }
}

}  // namespace goemu::emu
