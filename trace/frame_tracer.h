// The event engine: an ExecutionObserver that wakes only on instructions that move control
// or the stack, and on stores to the addresses it watches (the return-address slots of the
// live frames and the TLS g slot, to catch return-address rewrites and g switches), keeps
// the unwound frames of the stack SP is on, and turns the difference between the frames
// before and after each such instruction into Events for a sink.
//
// The frames are updated incrementally: after an instruction the new innermost frames are
// unwound only until they meet a frame already known (same entry SP and function, and for
// callers the same return address), so a CALL or RET costs O(1) unwind steps at any depth.
#pragma once
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/machine.h"
#include "trace/binary_writer.h"
#include "trace/code_index.h"
#include "trace/frame_stack.h"
#include "trace/event.h"
#include "trace/runtime_view.h"
#include "trace/unwinder.h"

namespace goemu::trace {

class FrameTracer : public emu::ExecutionObserver {
 public:
  FrameTracer(const CodeIndex& code, const RuntimeView& runtime, const emu::Memory& memory, EventSink& sink);

  uint32_t interest() const override;
  void OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) override;
  const emu::WatchList* watched() const override { return &watch_; }
  bool Watches(uint64_t addr, uint32_t size) const override;
  // The assembler's own prologue and epilogue SP adjustments (SUBQ/ADDQ $frame, SP): the
  // SP delta it recorded moves with them, so the innermost frame's entry SP stays, and
  // while SP stays on the current stack (watch_.quiet_sp) they change nothing here, given
  // frames that match the machine (OnRetired marks them current after every update).
  bool Quiet(uint64_t pc, uint8_t length, uint32_t classes) const override;
  // Hooks for the calls and returns PushOne and PopOne settle (FastCall, FastRet).
  emu::FlowHooks flow_hooks() override;
  // A direct CALL whose callee's entry has SP delta 0 and whose return address is a known
  // function's instruction: the facts PushOne looks up, kept per site (call_sites_).
  bool DescribeCall(uint64_t pc, uint8_t length, uint64_t target, uint64_t& site) const override;

  // Unwinds the starting stack; call once before the first instruction runs.
  void Start(const emu::Machine& machine);
  // Emits the fault or exit event that ends a run.
  void Finish(const emu::Machine& machine, const emu::RunResult& result);
  // SYSCALL overwrites RAX, so the number is recorded here, before the real handler runs.
  void NoteSyscall(const emu::Machine& machine);

  // The current stack, outermost frame first.
  std::span<const Frame> frames() const { return frames_; }
  std::string_view stack_name() const { return current_ != nullptr ? std::string_view(current_->name) : "?"; }
  uint64_t count(EventKind kind) const { return counts_[static_cast<int>(kind)]; }
  // On by default. Off, every frame update takes the general search: tests compare the two.
  void set_fast_paths(bool on) {
    fast_paths_ = on;
    SetQuietSp();
  }
  // Where the fast paths' calls and returns go, in place of the event sink, when they are
  // plain (PlainFlow): the binary writer, whose record the fast paths then write inline.
  // The sink gets them as Events when this is unset.
  void set_plain_sink(BinaryWriter* plain) {
    plain_ = plain;
    RefreshPlainKept();
  }

 private:
  struct StackState {
    std::string name;
    StackBounds bounds;
    bool bounds_from_g = false;
  };

  void SwitchStack(const emu::Machine& machine, const emu::RetiredInsn& insn);
  void ReportSyscall(const emu::Machine& machine, const emu::RetiredInsn& insn);
  // The updates nearly every call and return makes, given the new innermost frame top: one
  // frame pushed, or one popped; false, having changed nothing, leaves it to the general search.
  // Inlined into OnRetired (frame_tracer.cpp only), which then saves registers once an event.
  [[gnu::always_inline]] inline bool PushOne(const emu::Machine& machine, const emu::RetiredInsn& insn, const Frame& top);
  [[gnu::always_inline]] inline bool PopOne(const emu::Machine& machine, const emu::RetiredInsn& insn, const Frame& top);
  // What PushOne and PopOne do once they have decided: the old innermost frame, now at
  // caller_pc, calls top; the innermost frame returns to frames_[n - 2], now at caller_pc.
  [[gnu::always_inline]] inline void CommitPush(const emu::Machine& machine, const emu::RetiredInsn& insn,
                                                uint64_t caller_pc, const Frame& top);
  [[gnu::always_inline]] inline void CommitPop(const emu::Machine& machine, const emu::RetiredInsn& insn,
                                               uint64_t caller_pc);
  // The machine's hooks (emu::FlowHooks): the cases of PushOne and PopOne that can be told
  // from the facts at hand, without OnRetired's lookups; false leaves the rest to OnRetired.
  struct CallSite {
    uint64_t ret;         // the return address, pc + length
    int64_t ret_delta;    // its SP delta: the caller's entry SP is the callee's + 8 + this
    uint32_t callee;      // the target's function, entered with SP delta 0
    uint32_t caller;      // the return address's function
    uint64_t plain_bits;  // its call events' BinaryWriter::PlainSiteBits, 0 if never plain
  };
  static bool FastCall(void* tracer, emu::Machine& machine, uint64_t pc, uint64_t target, uint64_t site);
  static bool FastRet(void* tracer, emu::Machine& machine, uint64_t pc, uint64_t target, uint64_t site);
  // Their tests: a CALL that pushed the new innermost frame at sp, a RET that popped it.
  [[gnu::always_inline]] inline bool CallFits(const CallSite& call, uint64_t sp) const;
  [[gnu::always_inline]] inline bool RetFits(uint64_t sp, uint64_t target) const;
  // With a plain sink, the observed CALL's and RET's handlers (emu::FlowHooks::call_through,
  // call_direct, ret_handler): their plain events inline (InlineFlow), the rest as FastCall
  // and FastRet.
  struct InlineFlow;
  template <bool kThrough>
  static void PlainCall(emu::ExecContext& c, const emu::DecodedInsn& d);
  static void PlainRet(emu::ExecContext& c, const emu::DecodedInsn& d);
  // Whether the next call or return, made when frames_ has n frames (n > 0), is a PlainFlow
  // for the binary writer if it pushes or pops one frame: the g and stack are the last
  // event's and nothing else in the frames changed since (EmitFastFlow's test). One compare:
  // plain_kept_ holds the rest.
  bool PlainNext(size_t n) const {
    assert(plain_kept_ == (plain_ != nullptr && cur_goid_ == event_goid_ && current_ == event_stack_ ? frames_kept_ : 0));
    return plain_kept_ == n;
  }
  // After the plain sink, the g, the stack or the last event's changed.
  void RefreshPlainKept() {
    plain_kept_ = plain_ != nullptr && cur_goid_ == event_goid_ && current_ == event_stack_ ? frames_kept_ : 0;
  }
  // Lowers frames_kept_ to n, and plain_kept_ with it.
  void KeepFrames(size_t n) {
    frames_kept_ = std::min(frames_kept_, n);
    plain_kept_ = std::min(plain_kept_, n);
  }
  // The general search: unwinds from the new innermost frame f until a known frame.
  void UpdateFrames(const emu::Machine& machine, const emu::RetiredInsn& insn, Frame f);
  void CheckWrite(const emu::Machine& machine, const emu::RetiredInsn& insn);
  void RebuildFrames(const emu::Machine& machine);
  // Index in frames_ of the frame whose entry SP is sp, or SIZE_MAX.
  size_t FindEntry(uint64_t sp) const;
  Event Base(EventKind kind, const emu::Machine& machine, uint64_t pc, uint64_t next_pc);
  void Emit(Event& event, const emu::Machine& machine);
  // A call, return or tail-jump, in flow_ (only their fields are ever set there, so the
  // others keep Event's defaults without constructing an Event per event). Inlined into
  // PushOne, PopOne and the fast paths (frame_tracer_commit.h): as a call of its own, its
  // seven arguments and saved registers cost ~20 host Ir an event.
  [[gnu::always_inline]] inline void EmitFlow(EventKind kind, const emu::Machine& machine,
                                              const emu::RetiredInsn& insn, uint32_t from_func, uint32_t to_func,
                                              uint64_t site, uint32_t depth);
  // A fast path's call or return, as a PlainFlow when the plain sink may take it (plain:
  // PlainNext before its push or pop), else through EmitFlow.
  [[gnu::always_inline]] inline void EmitFastFlow(EventKind kind, const emu::Machine& machine,
                                                  const emu::RetiredInsn& insn, uint32_t from_func,
                                                  uint32_t to_func, uint64_t site, bool plain);
  // Whether pc lies in the innermost frame's function (its range kept in func_lo_, func_hi_).
  bool InInnermostFunction(uint64_t pc);
  // After frames_ changed: the return slots' watch ranges, the unwatched range.
  // Inlined (frame_tracer_commit.h): PushOne and PopOne run it on every event.
  [[gnu::always_inline]] inline void CacheInnermost();
  // CacheInnermost given what the fast paths know already: frames_'s size n, its innermost
  // entry SP (slot, if n > 0) and the one before (caller_slot, if n > 1).
  [[gnu::always_inline]] inline void WatchInnermost(size_t n, uint64_t slot, uint64_t caller_slot);
  // After g_slot_ changed: its watch range, and the unwatched range's floor.
  void WatchGSlot();
  // After current_ or grow_pending_ changed: where SP keeps quiet instructions quiet. A
  // pending stack-grow waits for the next reported instruction, so none is quiet then.
  void SetQuietSp();
  void EmitPendingGrow(const emu::Machine& machine, const emu::RetiredInsn& insn);

  const CodeIndex& code_;
  const RuntimeView& runtime_;
  EventSink& sink_;
  Unwinder unwinder_;

  std::unordered_map<uint64_t, StackState> stacks_;  // by owning g (or region base | 1)
  StackState* current_ = nullptr;
  FrameStack frames_;           // current stack, outermost first
  // How many of frames_ (function and entry SP) are unchanged since the last event: every
  // pop, cut or rebuild lowers it (Event::frames_kept).
  size_t frames_kept_ = 0;
  // frames_kept_ while a plain sink is set and the g and stack are the last event's, else
  // 0, which PlainNext's n never is (kept by RefreshPlainKept, KeepFrames and the commits).
  size_t plain_kept_ = 0;
  BinaryWriter* plain_ = nullptr;
  // The g and stack of the last event: a PlainFlow says they did not change.
  int64_t event_goid_ = -1;
  const StackState* event_stack_ = nullptr;
  std::vector<Frame> scratch_;   // newly unwound frames, innermost first
  std::vector<Frame> popped_;    // frames that left, innermost first
  uint32_t range_func_ = kNoFunc;         // the function func_lo_ and func_hi_ are the range of
  uint64_t func_lo_ = 0, func_hi_ = 0;  // the code range InInnermostFunction last looked up
  uint64_t g_slot_ = 0;          // TLS g slot address (FS base - 8), 0 before FS is set
  // The lowest last byte of a store above the g slot: where watch_.unwatched begins.
  uint64_t unwatched_floor_ = 8 + (emu::WatchRange::kMaxStore - 1);
  // ranges [0], [1]: the return slots of frames_[n-1], frames_[1..n-2]; [2]: the g slot;
  // unwatched: below frames_[n-1]'s slot and above the g slot
  emu::WatchList watch_;
  uint64_t cur_g_ = 0;
  int64_t cur_goid_ = -1;
  // A stack-grow waits for the first control transfer on the new stack: the switch happens
  // inside gogo, whose SP delta means nothing there, and the frames are whole only once it
  // has jumped back into the function that grew.
  bool grow_pending_ = false;
  StackBounds grow_old_, grow_new_;
  int64_t pending_sysno_ = -1;
  uint64_t pending_args_[3] = {0, 0, 0};
  uint64_t counts_[kEventKindCount] = {};
  Event flow_;
  bool fast_paths_ = true;
  // What the fast paths test SP against, from watch_.quiet_sp.base (SetQuietSp): a RET's SP
  // on the current stack, which is known, with no stack-grow pending (as OnRetired finds it
  // before PopOne); a CALL's 8-byte return slot there (before PushOne); 0 with the fast
  // paths off.
  uint64_t fast_ret_span_ = 0;
  uint64_t fast_call_span_ = 0;
  // DescribeCall's answers by CALL address; a site's word is its entry's address (nodes
  // stay put when the map grows).
  mutable std::unordered_map<uint64_t, CallSite> call_sites_;
};

// Wraps the embedder's syscall handler so the tracer sees each syscall's number.
class TracingSyscallHandler : public emu::SyscallHandler {
 public:
  TracingSyscallHandler(FrameTracer& tracer, emu::SyscallHandler* inner) : tracer_(tracer), inner_(inner) {}
  Outcome OnSyscall(emu::Machine& machine) override;
  emu::SyscallHandler* inner() const { return inner_; }

 private:
  FrameTracer& tracer_;
  emu::SyscallHandler* inner_;
};

}  // namespace goemu::trace
