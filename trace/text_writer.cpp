#include "trace/text_writer.h"

#include <algorithm>
#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {
namespace {

// Deep recursion would push lines off the screen; past this the depth column still tells.
constexpr uint32_t kMaxIndent = 32;
// Room for every part of a line but the names: numbers, indent, punctuation, and the bytes
// a cached piece's copy may write past its end.
constexpr size_t kLineRoom = 512;

// A g by goid; a TLS slot value that is no g as "none" (0) or its hex value (rt0_go's
// 0x123 self-test).
char* PutG(char* p, int64_t goid, uint64_t ptr) {
  if (goid >= 0) {
    *p++ = 'g';
    return PutSigned(p, goid);
  }
  return ptr == 0 ? Put(p, "none") : PutHex(p, ptr);
}

// `{:>10} {:<7} {:>4} ` and the indent. When every value fits its column (all but the
// longest runs and stack names) the spaces go down in fixed-size stores and the values are
// written into them.
char* PutColumns(char* p, const Event& e, StepColumn& step_column) {
  constexpr size_t kStep = StepColumn::kWidth, kStack = 7, kDepth = 4;
  constexpr size_t kColumns = kStep + 1 + kStack + 1 + kDepth;
  constexpr size_t kBlank = 96;  // kColumns and the widest indent, 1 + 2 * kMaxIndent
  static_assert(kBlank >= kColumns + 1 + 2 * kMaxIndent);
  if (e.step < StepColumn::kLimit && e.stack.size() <= kStack && e.depth < 10'000) {
    std::memset(p, ' ', kBlank);
    step_column.Put(p + kStep, e.step);
    PutShort(p + kStep + 1, e.stack);
    PutDec4Before(p + kColumns, e.depth);
    return p + kColumns + 1 + 2 * std::min(e.depth, kMaxIndent);
  }
  const fmt::format_int step(e.step), depth(e.depth);
  p = PutPadded(p, std::string_view(step.data(), step.size()), kStep, true);
  *p++ = ' ';
  p = PutPadded(p, e.stack, kStack, false);
  *p++ = ' ';
  p = PutPadded(p, std::string_view(depth.data(), depth.size()), kDepth, true);
  return PutSpaces(p, 1 + 2 * std::min(e.depth, kMaxIndent));
}

}  // namespace

TextWriter::TextWriter(const CodeIndex& code, OutputBuffer& out)
    : code_(code), out_(out), symbols_room_(3 * code.SymbolizedBound()) {}

// The line, written in place: this is the per-event hot path. The text after the indent of
// a call, return or tail-jump comes from the cache after its first time.
void TextWriter::OnEvent(const Event& e, const emu::Machine&) {
  const size_t room =
      kLineRoom + symbols_room_ + 2 * e.stack.size() + e.from_stack.size() + e.sysname.size() + e.fault_kind.size();
  char* p = PutColumns(out_.Reserve(room), e, step_);
  if (e.kind == EventKind::kCall || e.kind == EventKind::kReturn || e.kind == EventKind::kTailJump) {
    const FlowKey key = FlowKey::Of(e);
    FlowTextCache::Slot& slot = flow_text_.For(key);
    if (slot.Holds(key)) {
      p = slot.Put(p, 0, slot.size);
    } else {
      char* const tail = p;
      p = PutDetails(p, e);
      slot.Keep(key, tail, p);
    }
  } else {
    p = PutDetails(p, e);
  }
  out_.Commit(p);
}

// The event's name, its details and the newline.
char* TextWriter::PutDetails(char* p, const Event& e) const {
  p = Put(p, EventName(e.kind));
  switch (e.kind) {
    case EventKind::kCall:
      *p++ = ' ';
      p = Put(p, code_.FuncName(e.to_func));
      p = Put(p, " <- ");
      p = code_.PutSymbolized(p, e.site);
      break;
    case EventKind::kReturn:
      *p++ = ' ';
      p = Put(p, code_.FuncName(e.from_func));
      p = Put(p, " -> ");
      p = code_.PutSymbolized(p, e.site);
      break;
    case EventKind::kTailJump:
      p = fmt::format_to(p, " {} -> {} at ", code_.FuncName(e.from_func), code_.FuncName(e.to_func));
      p = code_.PutSymbolized(p, e.site);
      break;
    case EventKind::kStackSwitch:
      p = fmt::format_to(p, " {} -> {} sp={:#x} at ", e.from_stack, e.stack, e.sp);
      p = code_.PutSymbolized(p, e.pc);
      break;
    case EventKind::kGSwitch:
      *p++ = ' ';
      p = PutG(p, e.old_goid, e.old_g_ptr);
      p = Put(p, " -> ");
      p = PutG(p, e.goid, e.g_ptr);
      p = Put(p, " at ");
      p = code_.PutSymbolized(p, e.pc);
      break;
    case EventKind::kRetaddrRewrite:
      p = fmt::format_to(p, " slot={:#x} ", e.slot);
      p = code_.PutSymbolized(p, e.old_value);
      p = Put(p, " -> ");
      p = code_.PutSymbolized(p, e.new_value);
      p = fmt::format_to(p, " delta={}", static_cast<int64_t>(e.new_value - e.old_value));
      break;
    case EventKind::kStackGrow:
      p = fmt::format_to(p, " [{:#x},{:#x}) {} -> [{:#x},{:#x}) {}", e.old_bounds.lo, e.old_bounds.hi,
                         e.old_bounds.hi - e.old_bounds.lo, e.new_bounds.lo, e.new_bounds.hi,
                         e.new_bounds.hi - e.new_bounds.lo);
      break;
    case EventKind::kSyscall:
      if (e.sysname.empty()) {
        p = fmt::format_to(p, " {}", e.sysno);
      } else {
        p = fmt::format_to(p, " {}", e.sysname);
      }
      p = fmt::format_to(p, "({:#x}, {:#x}, {:#x}) = {:#x}", e.sysargs[0], e.sysargs[1], e.sysargs[2], e.result);
      break;
    case EventKind::kFault:
      p = fmt::format_to(p, " {} addr={:#x} at ", e.fault_kind, e.fault_addr);
      p = code_.PutSymbolized(p, e.pc);
      break;
    case EventKind::kExit:
      p = fmt::format_to(p, " {}", e.exit_code);
      break;
  }
  *p++ = '\n';
  return p;
}

}  // namespace goemu::trace
