// The frame tracer's inline bodies that both its general path (frame_tracer.cpp, OnRetired's
// PushOne and PopOne) and its fast paths (frame_tracer_fast.cpp) commit an event with:
// kept inline in each, so that neither makes a call for its commonest event.
#pragma once
#include <algorithm>

#include "trace/frame_tracer.h"

namespace goemu::trace {

void FrameTracer::CacheInnermost() {
  const size_t n = frames_.size();
  WatchInnermost(n, n == 0 ? 0 : frames_[n - 1].entry_sp, n < 2 ? 0 : frames_[n - 2].entry_sp);
}

void FrameTracer::WatchInnermost(size_t n, uint64_t slot, uint64_t caller_slot) {
  using emu::WatchRange;
  // Below the innermost return slot only the g slot is watched (Watches): a store that ends
  // there and starts above the g slot is not. (A g slot above that slot leaves no range.)
  watch_.unwatched = WatchRange{unwatched_floor_, slot > unwatched_floor_ ? slot - unwatched_floor_ : 0};
  if (n < 2) [[unlikely]] {
    watch_.ranges[0] = watch_.ranges[1] = WatchRange{};
    return;
  }
  // The return slots of frames_[1..]: the innermost one apart from its callers', so that
  // the stores between them (to the innermost function's results, in its caller's frame:
  // nearly one per call) pass no prefilter. Spans as WatchRange::Covering's, without its
  // test: entry SPs decrease inwards, so frames_[1]'s slot is the callers' highest (and a
  // span that wrapped would only let more stores through to Watches).
  constexpr uint64_t kSlotSpan = 8 + WatchRange::kMaxStore - 1;
  watch_.ranges[0] = WatchRange{slot, kSlotSpan};
  watch_.ranges[1] = n < 3 ? WatchRange{} : WatchRange{caller_slot, frames_[1].entry_sp - caller_slot + kSlotSpan};
}

void FrameTracer::EmitFlow(EventKind kind, const emu::Machine& machine, const emu::RetiredInsn& insn,
                           uint32_t from_func, uint32_t to_func, uint64_t site, uint32_t depth) {
  flow_.kind = kind;
  flow_.step = machine.retired();
  flow_.pc = insn.pc;
  flow_.next_pc = insn.next_pc;
  flow_.sp = machine.gpr()[emu::kRsp];
  flow_.goid = cur_goid_;
  flow_.stack = stack_name();
  flow_.depth = depth;
  flow_.frames = frames_;
  flow_.from_func = from_func;
  flow_.to_func = to_func;
  flow_.site = site;
  Emit(flow_, machine);
}

void FrameTracer::EmitFastFlow(EventKind kind, const emu::Machine& machine, const emu::RetiredInsn& insn,
                               uint32_t from_func, uint32_t to_func, uint64_t site, bool plain) {
  const size_t n = frames_.size();
  const uint64_t sp = machine.gpr()[emu::kRsp];
  // A call is plain when it entered at SP from the CALL; a return's site is its target.
  const bool plain_shape = kind == EventKind::kCall ? site == insn.pc && frames_.back().entry_sp == sp : true;
  if (plain && plain_shape) {
    ++counts_[static_cast<int>(kind)];
    frames_kept_ = plain_kept_ = n;
    plain_->OnPlainFlow(PlainFlow{kind, machine.retired(), insn.pc, insn.next_pc, sp, from_func, to_func});
    return;
  }
  EmitFlow(kind, machine, insn, from_func, to_func, site, static_cast<uint32_t>(n));
}

void FrameTracer::CommitPop(const emu::Machine& machine, const emu::RetiredInsn& insn, uint64_t caller_pc) {
  const size_t n = frames_.size();
  const uint32_t gone = frames_[n - 1].func;
  Frame& caller = frames_[n - 2];
  caller.pc = caller_pc;
  frames_.pop_back();
  const bool plain = PlainNext(n);
  // plain_kept_ is set either way: by EmitFastFlow's plain case, or by Emit.
  frames_kept_ = std::min(frames_kept_, n - 1);
  CacheInnermost();
  EmitFastFlow(EventKind::kReturn, machine, insn, gone, caller.func, caller.pc, plain);
}

void FrameTracer::CommitPush(const emu::Machine& machine, const emu::RetiredInsn& insn, uint64_t caller_pc,
                             const Frame& top) {
  Frame& old_top = frames_.back();
  old_top.pc = caller_pc;
  const uint32_t from = old_top.func;
  const bool plain = PlainNext(frames_.size());
  frames_.push_back(top);
  CacheInnermost();
  // The call site is the CALL, or the return address itself when something else entered the
  // callee (a return address moved back onto a CALL names the CALL to re-execute).
  const uint64_t site = (insn.classes & emu::kClassCall) ? insn.pc : caller_pc;
  EmitFastFlow(EventKind::kCall, machine, insn, from, top.func, site, plain);
}

}  // namespace goemu::trace
