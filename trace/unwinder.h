// Frame reconstruction the way Go's traceback does it: never from a shadow stack of
// CALL/RET pairs (jmpdefer, gogo, mcall and systemstack break those on purpose), always
// from PC and SP. At pc the assembler's SP delta gives the entry SP; the return address
// sits at [entry SP]; the caller's SP is entry SP + 8; repeat until a top frame (goexit,
// mstart, rt0_go), the stack bounds, or a return address that is no instruction.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "emulator/memory.h"
#include "trace/code_index.h"
#include "trace/runtime_view.h"

namespace goemu::trace {

// 32 bytes, not the 24 its fields take: the tracer's fast paths ask its frames vector for its
// size several times an event, a shift at 32 bytes and a multiply at 24 (~5 host Ir an event).
struct alignas(32) Frame {
  uint64_t pc = 0;        // innermost: where execution is; callers: the return address
  uint64_t entry_sp = 0;  // SP when the function was entered: the slot of its return address
  uint32_t func = kNoFunc;
  bool rewritten = false;  // its return-address slot was rewritten since the frame was seen
  uint64_t fp() const { return entry_sp + 8; }  // the caller's argument area, Go's FP
};

enum class UnwindEnd : uint8_t {
  kTopFrame,     // reached goexit / mstart / rt0_go
  kStackBounds,  // the next return slot is outside the stack
  kUnknownPc,    // the return address is not an instruction of any function
  kUnreadable,   // the return slot is not mapped
  kDepthLimit,
};
const char* UnwindEndName(UnwindEnd end);

class Unwinder {
 public:
  Unwinder(const CodeIndex& code, const emu::Memory& memory) : code_(code), memory_(memory) {}

  // The frame executing at pc with stack pointer sp.
  Frame Innermost(uint64_t pc, uint64_t sp) const {
    const PcInfo info = code_.Lookup(pc);
    return Frame{pc, sp + static_cast<int64_t>(info.sp_delta), info.func};
  }
  // The frame that frame f returns to, or nullopt with the reason in *end.
  std::optional<Frame> Caller(const Frame& f, const StackBounds& bounds, UnwindEnd* end) const;
  // Caller's answer for a frame whose return slot is known to hold ret (a CALL has just
  // pushed it), without reading guest memory: the tracer's hot path on every call.
  std::optional<Frame> CallerReturningTo(const Frame& f, uint64_t ret, const StackBounds& bounds) const {
    if (EndBeforeSlot(f, bounds)) return std::nullopt;
    return ReturnTo(f, ret, nullptr);
  }
  // Every frame, innermost first.
  std::vector<Frame> Unwind(uint64_t pc, uint64_t sp, const StackBounds& bounds, size_t max_depth = 1 << 20,
                            UnwindEnd* end = nullptr) const;

 private:
  // Why unwinding stops at f before its return slot is read, or nullopt when it goes on.
  std::optional<UnwindEnd> EndBeforeSlot(const Frame& f, const StackBounds& bounds) const {
    if (f.func == kNoFunc) return UnwindEnd::kUnknownPc;
    if (code_.IsTopFrame(f.func)) return UnwindEnd::kTopFrame;
    if (bounds.known() && (f.entry_sp < bounds.lo || f.entry_sp + 8 > bounds.hi)) return UnwindEnd::kStackBounds;
    return std::nullopt;
  }
  // The frame f returns to through the return address ret in its slot.
  std::optional<Frame> ReturnTo(const Frame& f, uint64_t ret, UnwindEnd* end) const {
    // A return address starts an instruction: right after a CALL, or on the CALL itself
    // once jmpdefer has moved it back by 5.
    const PcInfo info = code_.Lookup(ret);
    if (info.func == kNoFunc || !info.boundary) {
      if (end != nullptr) *end = UnwindEnd::kUnknownPc;
      return std::nullopt;
    }
    return Frame{ret, f.entry_sp + 8 + static_cast<int64_t>(info.sp_delta), info.func};
  }

  const CodeIndex& code_;
  const emu::Memory& memory_;
};

}  // namespace goemu::trace
