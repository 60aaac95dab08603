// Trace events: what the frame tracer reports, and the sink interface writers implement.
// An Event is a flat value (no allocation); string_views and the frame span point into
// the tracer and stay valid only during the OnEvent call.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "trace/runtime_view.h"
#include "trace/unwinder.h"

namespace goemu::emu {
class Machine;
}

namespace goemu::trace {

enum class EventKind : uint8_t {
  kCall,            // a frame was pushed
  kReturn,          // a frame was popped
  kTailJump,        // control moved to another function without a push
  kStackSwitch,     // SP moved to another stack
  kGSwitch,         // the TLS g slot was written
  kRetaddrRewrite,  // a slot holding a live return address was written
  kStackGrow,       // a g came back to a stack with new bounds (copystack)
  kSyscall,
  kFault,
  kExit,
};
inline constexpr int kEventKindCount = 10;
// The names used in every format: "call", "return", "tail-jump", ...
std::string_view EventName(EventKind kind);

struct Event {
  EventKind kind = EventKind::kCall;
  uint64_t step = 0;   // retired instructions, this one included
  uint64_t pc = 0;     // the instruction that caused the event
  uint64_t next_pc = 0;  // where execution continues
  uint64_t sp = 0;     // SP after it
  int64_t goid = -1;   // the current g (TLS slot); 0 for g0, -1 when there is none
  std::string_view stack;  // the stack SP is on: "g0", "g1", ...
  uint32_t depth = 0;      // frames on that stack after the event
  std::span<const Frame> frames;  // that stack, outermost first
  // frames[0, frames_kept) are the previous event's frames[0, frames_kept): on the same stack,
  // with the same functions and entry SPs. A writer that keeps frames from event to event (the
  // binary format) sends only what changed.
  uint32_t frames_kept = 0;

  // call / return / tail-jump: the functions involved and the call site (call: the
  // instruction the return address names; return: where it returns to).
  uint32_t from_func = kNoFunc;
  uint32_t to_func = kNoFunc;
  uint64_t site = 0;
  // stack-switch: the stack SP left.
  std::string_view from_stack;
  // g-switch: the previous goid, and the raw values of the TLS slot before and after (a
  // goid of -1 with a nonzero value is no g: rt0_go's 0x123 self-test).
  int64_t old_goid = -1;
  uint64_t old_g_ptr = 0, g_ptr = 0;
  // retaddr-rewrite.
  uint64_t slot = 0, old_value = 0, new_value = 0;
  // stack-grow.
  StackBounds old_bounds, new_bounds;
  // syscall: number (-1 when unknown), its name ("" when unknown), first three arguments
  // (for the runtime's host services, numbers from 0x10000, the first three ABI0 stack
  // arguments), result.
  int64_t sysno = -1;
  std::string_view sysname;
  uint64_t sysargs[3] = {0, 0, 0};
  uint64_t result = 0;
  // fault / exit.
  std::string_view fault_kind;
  uint64_t fault_addr = 0;
  int exit_code = 0;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnEvent(const Event& event, const emu::Machine& machine) = 0;
  // End of the run: flush, close open slices.
  virtual void Finish() {}
};

}  // namespace goemu::trace
