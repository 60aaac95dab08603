#include "trace/frame_tracer.h"

#include <algorithm>

#include "trace/frame_tracer_commit.h"

namespace goemu::trace {
namespace {

constexpr uint32_t kControl = emu::kClassCall | emu::kClassRet | emu::kClassJump | emu::kClassIndirectJump |
                              emu::kClassCondBranch | emu::kClassStackWrite;
constexpr size_t kNone = SIZE_MAX;
// The runtime model's host services use syscall numbers from here up (docs/runtime.md).
constexpr int64_t kFirstHostService = 0x10000;

uint64_t StackKey(const StackOwner& owner) { return owner.g != 0 ? owner.g : owner.bounds.lo | 1; }

}  // namespace

std::string_view EventName(EventKind kind) {
  switch (kind) {
    case EventKind::kCall: return "call";
    case EventKind::kReturn: return "return";
    case EventKind::kTailJump: return "tail-jump";
    case EventKind::kStackSwitch: return "stack-switch";
    case EventKind::kGSwitch: return "g-switch";
    case EventKind::kRetaddrRewrite: return "retaddr-rewrite";
    case EventKind::kStackGrow: return "stack-grow";
    case EventKind::kSyscall: return "syscall";
    case EventKind::kFault: return "fault";
    case EventKind::kExit: return "exit";
  }
  return "?";
}

FrameTracer::FrameTracer(const CodeIndex& code, const RuntimeView& runtime, const emu::Memory& memory,
                         EventSink& sink)
    : code_(code), runtime_(runtime), sink_(sink), unwinder_(code, memory) {}

uint32_t FrameTracer::interest() const {
  // Conditional branches matter only when one can leave its function (rare in Go assembly,
  // absent from the runtime model); skipping them halves the instructions a loop reports.
  const uint32_t control = code_.CondBranchLeavesFunction() ? kControl : kControl & ~emu::kClassCondBranch;
  // Stores are seen through the watch list (CacheInnermost), not as a class: a block that
  // stores only to locals and arguments then runs at full speed.
  return control | emu::kClassSyscall;
}

bool FrameTracer::Watches(uint64_t addr, uint32_t size) const {
  const uint64_t lo = addr, hi = addr + size;
  if (g_slot_ != 0 && lo < g_slot_ + 8 && hi > g_slot_) return true;
  const size_t n = frames_.size();
  if (n < 2) return false;
  // Most stores that get here are the innermost function's: to its own frame, just below
  // its return slot, or to its results, between that slot and its caller's.
  if (hi <= frames_[n - 1].entry_sp) return false;
  if (lo >= frames_[n - 1].entry_sp + 8 && hi <= frames_[n - 2].entry_sp) return false;
  // Entry SPs decrease from the outermost frame: the highest slot below hi is the only
  // one that can reach lo. frames_[0]'s slot names no known caller.
  auto it = std::partition_point(frames_.begin() + 1, frames_.end(),
                                 [hi](const Frame& f) { return f.entry_sp >= hi; });
  return it != frames_.end() && it->entry_sp + 8 > lo;
}

bool FrameTracer::Quiet(uint64_t pc, uint8_t length, uint32_t classes) const {
  if ((classes & interest()) != emu::kClassStackWrite) return false;
  const isa::Instruction* insn = code_.InsnAt(pc);
  if (insn == nullptr || !insn->inserted) return false;
  // The assembler inserts no other SP write (isa/frame.cpp's AdjustSp); the instruction
  // after it is its function's, with the delta moved by the adjustment.
  const PcInfo here = code_.Lookup(pc), next = code_.Lookup(pc + length);
  return here.func != kNoFunc && next.func == here.func && next.boundary;
}

void FrameTracer::SetQuietSp() {
  const bool quiet = current_ != nullptr && !grow_pending_ && current_->bounds.known();
  watch_.quiet_sp = quiet ? emu::WatchRange{current_->bounds.lo, current_->bounds.hi - current_->bounds.lo} : emu::WatchRange{};
  const uint64_t span = fast_paths_ ? watch_.quiet_sp.span : 0;
  fast_ret_span_ = span;
  fast_call_span_ = span >= 8 ? span - 7 : 0;
}

void FrameTracer::Start(const emu::Machine& machine) {
  g_slot_ = RuntimeView::GSlot(machine);
  WatchGSlot();
  cur_g_ = runtime_.CurrentG(machine);
  cur_goid_ = runtime_.Goid(machine.memory(), cur_g_);
  current_ = nullptr;
  const uint64_t sp = machine.gpr()[emu::kRsp];
  const StackOwner owner = runtime_.OwnerOf(machine, sp);
  StackState& state = stacks_[StackKey(owner)];
  state = StackState{owner.name, owner.bounds, owner.bounds_from_g};
  current_ = &state;
  SetQuietSp();
  RebuildFrames(machine);
}

size_t FrameTracer::FindEntry(uint64_t sp) const {
  // A call or return finds its frame among the innermost two; deeper ones are searched.
  const size_t n = frames_.size();
  if (n == 0 || sp < frames_[n - 1].entry_sp) return kNone;  // a new innermost frame
  if (frames_[n - 1].entry_sp == sp) return n - 1;
  if (n >= 2 && frames_[n - 2].entry_sp == sp) return n - 2;
  // Entry SPs decrease from the outermost frame to the innermost.
  auto it = std::lower_bound(frames_.begin(), frames_.end(), sp,
                             [](const Frame& f, uint64_t v) { return f.entry_sp > v; });
  return it != frames_.end() && it->entry_sp == sp ? static_cast<size_t>(it - frames_.begin()) : kNone;
}

bool FrameTracer::InInnermostFunction(uint64_t pc) {
  const uint32_t func = frames_.empty() ? kNoFunc : frames_.back().func;
  if (func != range_func_) {  // looked up when a jump asks, not at every call and return
    range_func_ = func;
    func_lo_ = func == kNoFunc ? 0 : code_.FuncAddr(func);
    func_hi_ = func == kNoFunc ? 0 : code_.FuncEnd(func);
  }
  return pc >= func_lo_ && pc < func_hi_;
}

void FrameTracer::WatchGSlot() {
  watch_.ranges[2] = g_slot_ != 0 ? emu::WatchRange::Covering(g_slot_, g_slot_ + 8) : emu::WatchRange{};
  unwatched_floor_ = g_slot_ + 8 + (emu::WatchRange::kMaxStore - 1);
  CacheInnermost();
}

void FrameTracer::RebuildFrames(const emu::Machine& machine) {
  const auto& cpu = machine.cpu();
  scratch_ = unwinder_.Unwind(cpu.rip, cpu.gpr[emu::kRsp], current_->bounds);
  frames_.Truncate(0);
  frames_.Append(scratch_.rbegin(), scratch_.rend());
  frames_kept_ = plain_kept_ = 0;
  CacheInnermost();
}

Event FrameTracer::Base(EventKind kind, const emu::Machine& machine, uint64_t pc, uint64_t next_pc) {
  Event e;
  e.kind = kind;
  e.step = machine.retired();
  e.pc = pc;
  e.next_pc = next_pc;
  e.sp = machine.gpr()[emu::kRsp];
  e.goid = cur_goid_;
  e.stack = stack_name();
  e.depth = static_cast<uint32_t>(frames_.size());
  e.frames = frames_;
  return e;
}

void FrameTracer::Emit(Event& event, const emu::Machine& machine) {
  ++counts_[static_cast<int>(event.kind)];
  event.frames_kept = static_cast<uint32_t>(std::min(frames_kept_, event.frames.size()));
  frames_kept_ = frames_.size();
  event_goid_ = event.goid;
  event_stack_ = current_;
  // RefreshPlainKept, knowing the stack is the last event's.
  plain_kept_ = plain_ != nullptr && cur_goid_ == event_goid_ ? frames_kept_ : 0;
  sink_.OnEvent(event, machine);
}

void FrameTracer::NoteSyscall(const emu::Machine& machine) {
  const auto& gpr = machine.gpr();
  pending_sysno_ = static_cast<int64_t>(gpr[emu::kRax]);
  if (pending_sysno_ >= kFirstHostService) {
    // Host services take ABI0 arguments on the stack, right above the stub's return address.
    for (int i = 0; i < 3; ++i) {
      pending_args_[i] = machine.memory().PeekU64(gpr[emu::kRsp] + 8 * (i + 1)).value_or(0);
    }
    return;
  }
  pending_args_[0] = gpr[emu::kRdi];
  pending_args_[1] = gpr[emu::kRsi];
  pending_args_[2] = gpr[emu::kRdx];
}

void FrameTracer::OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) {
  if (current_ == nullptr) Start(machine);
  if (insn.write_size != 0) CheckWrite(machine, insn);
  if (insn.classes & emu::kClassSyscall) ReportSyscall(machine, insn);
  if ((insn.classes & kControl) == 0) return;
  // A branch that stays inside the function changes no frame, nor SP.
  if ((insn.classes & (emu::kClassCall | emu::kClassRet | emu::kClassStackWrite)) == 0 &&
      InInnermostFunction(insn.next_pc)) {
    return;
  }
  const uint64_t sp = machine.gpr()[emu::kRsp];
  if (!current_->bounds.Contains(sp)) {
    SwitchStack(machine, insn);
    machine.MarkObserverCurrent();
    return;
  }
  // The fast paths are the general search's own conclusions for the shapes nearly every
  // observed instruction makes, reached without its scratch vectors; whatever they cannot
  // settle in one step (a frame whose function changed, several frames gone or new, a
  // return slot that leads elsewhere) goes to the search.
  const Frame top = unwinder_.Innermost(insn.next_pc, sp);
  bool done = false;
  if (fast_paths_ && !frames_.empty()) {
    Frame& old_top = frames_.back();
    if (top.entry_sp != old_top.entry_sp) {
      done = top.entry_sp > old_top.entry_sp ? PopOne(machine, insn, top) : PushOne(machine, insn, top);
    } else if (top.func == old_top.func) {
      // SP moved within the innermost frame (a prologue's SUBQ, an epilogue's ADDQ, PUSHQ):
      // the search matches the innermost frame first and finds no frame above it: no event.
      old_top.pc = top.pc;
      done = true;
    }
  }
  if (!done) UpdateFrames(machine, insn, top);
  if (grow_pending_) EmitPendingGrow(machine, insn);
  // The frames are those of the machine's state now, which quiet instructions rely on.
  machine.MarkObserverCurrent();
}

void FrameTracer::ReportSyscall(const emu::Machine& machine, const emu::RetiredInsn& insn) {
  Event e = Base(EventKind::kSyscall, machine, insn.pc, insn.next_pc);
  e.sysno = pending_sysno_;
  e.sysname = runtime_.SyscallName(pending_sysno_);
  std::copy(std::begin(pending_args_), std::end(pending_args_), e.sysargs);
  e.result = machine.gpr()[emu::kRax];
  pending_sysno_ = -1;
  Emit(e, machine);
  // arch_prctl(ARCH_SET_FS) moves the TLS block; the g it holds is read afresh.
  g_slot_ = RuntimeView::GSlot(machine);
  WatchGSlot();
  cur_g_ = runtime_.CurrentG(machine);
  cur_goid_ = runtime_.Goid(machine.memory(), cur_g_);
  RefreshPlainKept();
}

void FrameTracer::CheckWrite(const emu::Machine& machine, const emu::RetiredInsn& insn) {
  const uint64_t lo = insn.write_addr;
  const uint64_t hi = insn.write_addr + insn.write_size;
  if (g_slot_ != 0 && lo < g_slot_ + 8 && hi > g_slot_) {
    const uint64_t g = machine.memory().PeekU64(g_slot_).value_or(0);
    if (g != cur_g_) {
      Event e = Base(EventKind::kGSwitch, machine, insn.pc, insn.next_pc);
      e.old_goid = cur_goid_;
      e.old_g_ptr = cur_g_;
      cur_g_ = g;
      cur_goid_ = runtime_.Goid(machine.memory(), g);
      e.goid = cur_goid_;
      e.g_ptr = g;
      Emit(e, machine);
    }
    return;
  }
  // Stores below the innermost return slot are to the innermost frame's own locals; only
  // frames above it have return slots. frames_[0]'s slot names no known caller.
  if (frames_.size() < 2 || hi <= frames_.back().entry_sp || lo >= frames_.front().entry_sp) return;
  for (size_t i = frames_.size() - 1; i >= 1; --i) {
    const uint64_t slot = frames_[i].entry_sp;
    if (slot >= hi) break;
    if (slot + 8 <= lo) continue;
    const uint64_t old_value = frames_[i - 1].pc;
    const uint64_t new_value = machine.memory().PeekU64(slot).value_or(0);
    if (new_value == old_value) continue;
    Event e = Base(EventKind::kRetaddrRewrite, machine, insn.pc, insn.next_pc);
    e.slot = slot;
    e.old_value = old_value;
    e.new_value = new_value;
    RebuildFrames(machine);
    const size_t at = FindEntry(slot);
    if (at != kNone) frames_[at].rewritten = true;
    e.frames = frames_;
    e.depth = static_cast<uint32_t>(frames_.size());
    Emit(e, machine);
    return;
  }
}

void FrameTracer::SwitchStack(const emu::Machine& machine, const emu::RetiredInsn& insn) {
  if (grow_pending_) EmitPendingGrow(machine, insn);
  const uint64_t sp = machine.gpr()[emu::kRsp];
  const std::string_view from = current_->name;
  const StackOwner owner = runtime_.OwnerOf(machine, sp);
  auto [it, fresh] = stacks_.try_emplace(StackKey(owner));
  StackState& state = it->second;
  if (&state == current_) {
    // Still the same owner (a stack whose bounds are not known): nothing switched.
    RebuildFrames(machine);
    return;
  }
  const StackBounds old_bounds = state.bounds;
  const bool grew = !fresh && state.bounds_from_g && owner.bounds_from_g && state.bounds != owner.bounds;
  state.name = owner.name;
  state.bounds = owner.bounds;
  state.bounds_from_g = owner.bounds_from_g;
  current_ = &state;
  RebuildFrames(machine);
  // A stack resumed is not a call: its frames reappear without call events.
  Event e = Base(EventKind::kStackSwitch, machine, insn.pc, insn.next_pc);
  e.from_stack = from;
  Emit(e, machine);
  if (grew) {
    grow_pending_ = true;
    grow_old_ = old_bounds;
    grow_new_ = owner.bounds;
  }
  SetQuietSp();
}

void FrameTracer::EmitPendingGrow(const emu::Machine& machine, const emu::RetiredInsn& insn) {
  grow_pending_ = false;
  SetQuietSp();
  Event g = Base(EventKind::kStackGrow, machine, insn.pc, insn.next_pc);
  g.old_bounds = grow_old_;
  g.new_bounds = grow_new_;
  Emit(g, machine);
}

bool FrameTracer::PopOne(const emu::Machine& machine, const emu::RetiredInsn& insn, const Frame& top) {
  // Back in the caller's frame: the search matches frames_[n - 2] with nothing new above
  // it, so exactly the innermost frame returned.
  const size_t n = frames_.size();
  if (n < 2 || top.entry_sp != frames_[n - 2].entry_sp || top.func != frames_[n - 2].func) return false;
  CommitPop(machine, insn, top.pc);
  return true;
}

bool FrameTracer::PushOne(const emu::Machine& machine, const emu::RetiredInsn& insn, const Frame& top) {
  // A new innermost frame whose return slot leads back to the old innermost one, at the same
  // entry SP: the search unwinds one frame and matches frames_[n - 1] (the innermost frame
  // matches without comparing return addresses), so exactly one frame was pushed.
  Frame& old_top = frames_.back();
  // A CALL that entered its callee at its entry pushed the return slot's value itself, its
  // own end: no need to read it back from guest memory.
  const uint64_t sp = machine.gpr()[emu::kRsp];
  const bool pushed_by_call = (insn.classes & emu::kClassCall) && top.entry_sp == sp && insn.rsp_before == sp + 8;
  const auto caller = pushed_by_call ? unwinder_.CallerReturningTo(top, insn.pc + insn.length, current_->bounds)
                                     : unwinder_.Caller(top, current_->bounds, nullptr);
  if (!caller || caller->entry_sp != old_top.entry_sp || caller->func != old_top.func) return false;
  CommitPush(machine, insn, caller->pc, top);
  return true;
}

void FrameTracer::UpdateFrames(const emu::Machine& machine, const emu::RetiredInsn& insn, Frame f) {
  const StackBounds& bounds = current_->bounds;
  scratch_.clear();
  size_t match = kNone;
  for (size_t guard = 0; guard < (1u << 20); ++guard) {
    const size_t idx = FindEntry(f.entry_sp);
    if (idx != kNone && frames_[idx].func == f.func &&
        (scratch_.empty() || idx + 1 == frames_.size() || frames_[idx].pc == f.pc)) {
      match = idx;
      break;
    }
    scratch_.push_back(f);
    UnwindEnd end;
    auto caller = unwinder_.Caller(f, bounds, &end);
    if (!caller) break;
    f = *caller;
  }
  // popped_: frames above the match, innermost first; scratch_: the new ones, innermost first.
  const size_t keep = match == kNone ? 0 : match + 1;
  popped_.assign(std::make_reverse_iterator(frames_.end()), std::make_reverse_iterator(frames_.begin() + keep));
  const bool rewritten_top = !popped_.empty() && popped_.front().rewritten;
  const uint64_t old_top_entry = popped_.empty() ? 0 : popped_.front().entry_sp;
  if (match != kNone) frames_[match].pc = f.pc;
  if (popped_.empty() && scratch_.empty()) return;  // the same frames (SP moved within one)
  frames_.Truncate(keep);
  KeepFrames(keep);
  frames_.Append(scratch_.rbegin(), scratch_.rend());
  CacheInnermost();

  const uint32_t final_depth = static_cast<uint32_t>(frames_.size());
  uint32_t depth = static_cast<uint32_t>(keep + popped_.size());
  auto emit_return = [&](const Frame& gone, size_t i) {
    --depth;
    const Frame* to = i + 1 < popped_.size() ? &popped_[i + 1] : (keep > 0 ? &frames_[keep - 1] : nullptr);
    EmitFlow(EventKind::kReturn, machine, insn, gone.func, to != nullptr ? to->func : kNoFunc,
             to != nullptr ? to->pc : 0, depth);
  };
  auto emit_call = [&](size_t i) {  // scratch_[i] is the callee; scratch_[i + 1] or frames_[keep - 1] the caller
    ++depth;
    const Frame& callee = scratch_[i];
    const Frame* caller = i + 1 < scratch_.size() ? &scratch_[i + 1] : (keep > 0 ? &frames_[keep - 1] : nullptr);
    // The call site is the instruction before the return address, or the rewritten
    // return address itself, which names the CALL to re-execute.
    const uint64_t site = caller == nullptr ? 0 : (insn.classes & emu::kClassCall) ? insn.pc : caller->pc;
    EmitFlow(EventKind::kCall, machine, insn, caller != nullptr ? caller->func : kNoFunc, callee.func, site, depth);
  };

  if (popped_.empty()) {
    for (size_t i = scratch_.size(); i-- > 0;) emit_call(i);
  } else if (scratch_.empty()) {
    for (size_t i = 0; i < popped_.size(); ++i) emit_return(popped_[i], i);
  } else {
    // The innermost activation was replaced. Frames cut out from under it returned (as
    // jmpdefer drops deferreturn's frame); new frames it brought along (gostartcall's
    // goexit under a goroutine's first function) appear without events.
    for (size_t i = 1; i < popped_.size(); ++i) emit_return(popped_[i], i);
    const Frame& old_top = popped_.front();
    const Frame& new_top = scratch_.front();
    if (old_top.func == new_top.func && (insn.classes & (emu::kClassCall | emu::kClassRet)) == 0) return;
    if (rewritten_top && old_top_entry == new_top.entry_sp) {
      // Entered on a return address moved back onto a CALL: as if that CALL ran.
      depth = final_depth - 1;
      emit_call(0);
      return;
    }
    EmitFlow(EventKind::kTailJump, machine, insn, old_top.func, new_top.func, insn.pc, final_depth);
  }
}

emu::SyscallHandler::Outcome TracingSyscallHandler::OnSyscall(emu::Machine& machine) {
  tracer_.NoteSyscall(machine);
  return inner_ != nullptr ? inner_->OnSyscall(machine) : Outcome{};
}

void FrameTracer::Finish(const emu::Machine& machine, const emu::RunResult& result) {
  if (current_ == nullptr) Start(machine);
  const uint64_t pc = machine.cpu().rip;
  if (grow_pending_) EmitPendingGrow(machine, emu::RetiredInsn{pc, pc});
  if (result.reason == emu::StopReason::kFault && result.fault) {
    Event e = Base(EventKind::kFault, machine, pc, pc);
    e.fault_kind = emu::FaultKindName(result.fault->kind);
    e.fault_addr = result.fault->address;
    Emit(e, machine);
  } else if (result.reason == emu::StopReason::kExit) {
    Event e = Base(EventKind::kExit, machine, pc, pc);
    e.exit_code = result.exit_code;
    Emit(e, machine);
  }
  sink_.Finish();
}

}  // namespace goemu::trace
