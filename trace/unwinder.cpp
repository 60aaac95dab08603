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
  if (const auto why = EndBeforeSlot(f, bounds)) return stop(*why);
  // The read TLB holds the stack's page nearly always; Peek is the page-table walk.
  uint64_t slot_value;
  std::optional<uint64_t> ret;
  if (memory_.TryRead(f.entry_sp, slot_value)) ret = slot_value;
  else ret = memory_.PeekU64(f.entry_sp);
  if (!ret) return stop(UnwindEnd::kUnreadable);
  return ReturnTo(f, *ret, end);
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
