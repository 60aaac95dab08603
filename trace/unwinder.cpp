#include "trace/unwinder.h"

namespace goemu::trace {

const char* UnwindEndName(UnwindEnd end) {
  switch (end) {
    case UnwindEnd::kTopFrame: return "top-frame";
    case UnwindEnd::kStackBounds: return "stack-bounds";
    case UnwindEnd::kUnknownPc: return "unknown-pc";
    case UnwindEnd::kUnreadable: return "unreadable";
    case UnwindEnd::kDepthLimit: return "depth-limit";
  }
  return "?";
}

std::optional<Frame> Unwinder::Caller(const Frame& f, const StackBounds& bounds, UnwindEnd* end) const {
  auto stop = [&](UnwindEnd why) -> std::optional<Frame> {
    if (end != nullptr) *end = why;
    return std::nullopt;
  };
  if (f.func == kNoFunc) return stop(UnwindEnd::kUnknownPc);
  if (code_.IsTopFrame(f.func)) return stop(UnwindEnd::kTopFrame);
  if (bounds.known() && (f.entry_sp < bounds.lo || f.entry_sp + 8 > bounds.hi)) return stop(UnwindEnd::kStackBounds);
  // The read TLB holds the stack's page nearly always; Peek is the page-table walk.
  uint64_t slot_value;
  std::optional<uint64_t> ret;
  if (memory_.TryRead(f.entry_sp, slot_value)) ret = slot_value;
  else ret = memory_.PeekU64(f.entry_sp);
  if (!ret) return stop(UnwindEnd::kUnreadable);
  // A return address starts an instruction: right after a CALL, or on the CALL itself
  // once jmpdefer has moved it back by 5.
  const PcInfo info = code_.Lookup(*ret);
  if (info.func == kNoFunc || !info.boundary) return stop(UnwindEnd::kUnknownPc);
  return Frame{*ret, f.entry_sp + 8 + static_cast<int64_t>(info.sp_delta), info.func};
}

std::vector<Frame> Unwinder::Unwind(uint64_t pc, uint64_t sp, const StackBounds& bounds, size_t max_depth,
                                    UnwindEnd* end) const {
  std::vector<Frame> frames;
  frames.push_back(Innermost(pc, sp));
  UnwindEnd why = UnwindEnd::kDepthLimit;
  while (frames.size() < max_depth) {
    auto caller = Caller(frames.back(), bounds, &why);
    if (!caller) break;
    frames.push_back(*caller);
  }
  if (end != nullptr) *end = frames.size() >= max_depth ? UnwindEnd::kDepthLimit : why;
  return frames;
}

}  // namespace goemu::trace
