// The frame tracer's fast paths: the machine's hooks for a described CALL and a RET
// (FastCall, FastRet), and with a plain sink, the CALL's and RET's handlers that settle a
// plain event inline (PlainCall, PlainRet).
#include "emulator/observed_flow.h"
#include "trace/frame_tracer.h"
#include "trace/frame_tracer_commit.h"

namespace goemu::trace {

emu::FlowHooks FrameTracer::flow_hooks() {
  emu::FlowHooks hooks{this, &FastCall, &FastRet};
  // The embedder sets the plain sink before the machine asks (SetObserver); the handlers
  // are correct with or without one.
  if (plain_ != nullptr) {
    hooks.call_through = &PlainCall<true>;
    hooks.call_direct = &PlainCall<false>;
    hooks.ret_handler = &PlainRet;
  }
  return hooks;
}

bool FrameTracer::DescribeCall(uint64_t pc, uint8_t length, uint64_t target, uint64_t& site) const {
  // What CallerReturningTo would conclude, for the CALL's PushOne: the callee entered at its
  // entry (the new innermost frame's entry SP is SP after the CALL), not a top frame, and a
  // return address that starts an instruction of a known function. A negative delta there
  // could put the caller's entry SP at or below the callee's, which PushOne does not see.
  const PcInfo callee = code_.Lookup(target);
  const PcInfo back = code_.Lookup(pc + length);
  if (callee.func == kNoFunc || callee.sp_delta != 0 || code_.IsTopFrame(callee.func)) return false;
  if (back.func == kNoFunc || !back.boundary || back.sp_delta < 0) return false;
  const CallSite call{pc + length, back.sp_delta, callee.func, back.func,
                      BinaryWriter::PlainSiteBits(EventKind::kCall, callee.func, pc, target)};
  const auto [it, fresh] = call_sites_.try_emplace(pc, call);
  site = reinterpret_cast<uint64_t>(&it->second);
  return true;
}

// OnRetired for a CALL DescribeCall described, when it comes to PushOne with the return
// slot pushed by the CALL: the callee's frame at SP; its caller's, the old innermost, at
// SP + 8 + the return address's delta, inside the stack's bounds.
[[gnu::always_inline]] inline bool FrameTracer::CallFits(const CallSite& call, uint64_t sp) const {
  if (frames_.empty() || sp - watch_.quiet_sp.base >= fast_call_span_) return false;
  const Frame& old_top = frames_.back();
  return old_top.entry_sp == sp + 8 + call.ret_delta && old_top.func == call.caller;
}

bool FrameTracer::FastCall(void* tracer, emu::Machine& machine, uint64_t pc, uint64_t target, uint64_t site) {
  FrameTracer& t = *static_cast<FrameTracer*>(tracer);
  const CallSite& call = *reinterpret_cast<const CallSite*>(site);
  const uint64_t sp = machine.gpr()[emu::kRsp];
  if (!t.CallFits(call, sp)) return false;
  t.CommitPush(machine, emu::RetiredInsn{pc, target, 0, emu::kClassCall}, call.ret, Frame{target, sp, call.callee});
  machine.MarkObserverCurrent();
  return true;
}

// OnRetired for a RET that popped the innermost frame's return slot and went to the return
// address its caller's frame holds, when it comes to PopOne: frames_[n - 2] was unwound from
// that slot, so its function and entry SP are those of that address, entered at this SP.
[[gnu::always_inline]] inline bool FrameTracer::RetFits(uint64_t sp, uint64_t target) const {
  const size_t n = frames_.size();
  if (n < 2 || sp - watch_.quiet_sp.base >= fast_ret_span_) return false;
  const Frame& inner = frames_[n - 1];
  const Frame& caller = frames_[n - 2];
  return sp == inner.entry_sp + 8 && target == caller.pc && caller.entry_sp > inner.entry_sp;
}

bool FrameTracer::FastRet(void* tracer, emu::Machine& machine, uint64_t pc, uint64_t target, uint64_t) {
  FrameTracer& t = *static_cast<FrameTracer*>(tracer);
  if (!t.RetFits(machine.gpr()[emu::kRsp], target)) return false;
  t.CommitPop(machine, emu::RetiredInsn{pc, target, 0, emu::kClassRet}, target);
  machine.MarkObserverCurrent();
  return true;
}

// FastCall's and FastRet's plain events, settled inside the CALL's and RET's handlers
// (observed_flow.h): CommitPush or CommitPop and EmitFastFlow's plain case, with the record
// written first by TryPlain (for a call, TryPlainAt with its site's bits), which writes
// nothing when the record does not fit or its block is full. Then, as for anything else they
// decline, the hooks run.
struct FrameTracer::InlineFlow {
  [[gnu::always_inline]] static bool Call(void* tracer, uint64_t step, uint64_t sp, uint64_t pc, uint64_t target,
                                          uint64_t site) {
    FrameTracer& t = *static_cast<FrameTracer*>(tracer);
    const CallSite& call = *reinterpret_cast<const CallSite*>(site);
    if (!t.CallFits(call, sp)) return false;
    const size_t n = t.frames_.size();
    if (!t.PlainNext(n) || t.frames_.full() || call.plain_bits == 0 ||
        !t.plain_->TryPlainAt(call.plain_bits, true, step, pc, target, sp)) {
      return false;
    }
    Frame& old_top = t.frames_.back();
    old_top.pc = call.ret;
    t.frames_.PushInRoom(Frame{target, sp, call.callee});
    ++t.counts_[static_cast<int>(EventKind::kCall)];
    t.frames_kept_ = t.plain_kept_ = n + 1;
    t.WatchInnermost(n + 1, sp, old_top.entry_sp);
    return true;
  }
  [[gnu::always_inline]] static bool Ret(void* tracer, uint64_t step, uint64_t sp, uint64_t pc, uint64_t target) {
    FrameTracer& t = *static_cast<FrameTracer*>(tracer);
    if (!t.RetFits(sp, target)) return false;
    const size_t n = t.frames_.size();
    const PlainFlow flow{EventKind::kReturn, step, pc, target, sp, t.frames_[n - 1].func, t.frames_[n - 2].func};
    if (!t.PlainNext(n) || !t.plain_->TryPlain(flow)) return false;
    t.frames_.pop_back();
    ++t.counts_[static_cast<int>(EventKind::kReturn)];
    t.frames_kept_ = t.plain_kept_ = n - 1;
    t.WatchInnermost(n - 1, t.frames_[n - 2].entry_sp, n < 3 ? 0 : t.frames_[n - 3].entry_sp);
    return true;
  }
};

template <bool kThrough>
void FrameTracer::PlainCall(emu::ExecContext& c, const emu::DecodedInsn& d) {
  return emu::ObservedCallWith<InlineFlow, kThrough>(c, d);
}

void FrameTracer::PlainRet(emu::ExecContext& c, const emu::DecodedInsn& d) {
  return emu::ObservedRetWith<InlineFlow>(c, d);
}
}  // namespace goemu::trace
