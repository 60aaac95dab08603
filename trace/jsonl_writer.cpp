#include "trace/jsonl_writer.h"

#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {

namespace {

// Room for every part of a line but the names: numbers, keys, punctuation, and the bytes
// that a cached piece's copy, the g and stack's (kGAndStackText) or the step's
// (StepDigits::kSlack) may write past its end.
constexpr size_t kLineRoom = 512;

}  // namespace

JsonlWriter::JsonlWriter(const CodeIndex& code, OutputBuffer& out) : code_(code), out_(out) {
  out_.Append(fmt::format("{{\"format\":\"goemu-trace\",\"version\":{}}}\n", kTraceFormatVersion));
}

char* JsonlWriter::PutSymbolized(char* p, std::string_view key, uint64_t pc) {
  sym_.resize(code_.SymbolizedBound());
  const char* end = code_.PutSymbolized(sym_.data(), pc);
  p = Put(p, ",\"");
  p = Put(p, key);
  p = Put(p, "\":");
  return PutJsonString(p, std::string_view(sym_.data(), static_cast<size_t>(end - sym_.data())));
}

// The line, written in place: this runs once per event. A call, return or tail-jump takes
// its head and details from the cache after their first time.
void JsonlWriter::OnEvent(const Event& e, const emu::Machine&) {
  const size_t names = 5 * code_.SymbolizedBound() + e.stack.size() + e.from_stack.size();
  char* p = out_.Reserve(kLineRoom + JsonStringBound(names) + e.sysname.size() + e.fault_kind.size());
  p = Put(p, "{\"step\":");
  p = step_.Put(p, e.step);
  const bool flow = e.kind == EventKind::kCall || e.kind == EventKind::kReturn || e.kind == EventKind::kTailJump;
  const FlowKey key = flow ? FlowKey::Of(e) : FlowKey{};
  FlowTextCache::Slot* slot = flow ? &flow_text_.For(key) : nullptr;
  const bool hit = slot != nullptr && slot->Holds(key);
  char* const head = p;
  p = hit ? slot->Put(p, 0, slot->split) : PutHead(p, e);
  char* const head_end = p;
  p = PutHex(p, e.sp);
  p = PutGAndStack(p, e.goid, e.stack);
  p = PutDec(p, e.depth);
  if (hit) {
    p = slot->Put(p, slot->split, slot->size);
  } else {
    char* const details = p;
    p = PutDetails(p, e);
    if (slot != nullptr) slot->Keep(key, head, head_end, details, p);
  }
  out_.Commit(p);
}

char* JsonlWriter::PutGAndStack(char* p, int64_t goid, std::string_view stack) {
  // Names are a few bytes: a loop compares them for less than a call to memcmp would.
  bool same = goid == goid_ && stack.size() == stack_name_.size() && g_and_stack_size_ != 0;
  for (size_t i = 0; same && i < stack.size(); ++i) same = stack[i] == stack_name_[i];
  if (same) [[likely]] {
    std::memcpy(p, g_and_stack_text_, kGAndStackText);  // a fixed-size copy: the room is reserved
    return p + g_and_stack_size_;
  }
  char* const start = p;
  p = Put(p, "\",\"g\":");
  p = PutSigned(p, goid);
  p = Put(p, ",\"stack\":");
  p = PutJsonString(p, stack);
  p = Put(p, ",\"depth\":");
  const size_t size = static_cast<size_t>(p - start);
  goid_ = goid;
  stack_name_ = stack;
  g_and_stack_size_ = size <= kGAndStackText ? size : 0;
  if (g_and_stack_size_ != 0) std::memcpy(g_and_stack_text_, start, size);
  return p;
}

char* JsonlWriter::PutHead(char* p, const Event& e) {
  p = Put(p, ",\"event\":\"");
  p = Put(p, EventName(e.kind));
  p = Put(p, "\",\"pc\":\"");
  p = PutHex(p, e.pc);
  p = Put(p, "\",\"fn\":");
  p = PutJsonString(p, code_.FuncName(code_.Lookup(e.next_pc).func));
  return Put(p, ",\"sp\":\"");
}

char* JsonlWriter::PutDetails(char* p, const Event& e) {
  switch (e.kind) {
    case EventKind::kCall:
    case EventKind::kReturn:
    case EventKind::kTailJump:
      p = Put(p, ",\"from\":");
      p = PutJsonString(p, code_.FuncName(e.from_func));
      p = Put(p, ",\"to\":");
      p = PutJsonString(p, code_.FuncName(e.to_func));
      p = PutSymbolized(p, "site", e.site);
      break;
    case EventKind::kStackSwitch:
      p = Put(p, ",\"from_stack\":");
      p = PutJsonString(p, e.from_stack);
      break;
    case EventKind::kGSwitch:
      p = fmt::format_to(p, ",\"old_g\":{},\"old_g_ptr\":\"{:#x}\",\"g_ptr\":\"{:#x}\"", e.old_goid, e.old_g_ptr,
                         e.g_ptr);
      break;
    case EventKind::kRetaddrRewrite:
      p = fmt::format_to(p, ",\"slot\":\"{:#x}\",\"old\":\"{:#x}\",\"new\":\"{:#x}\",\"delta\":{}", e.slot,
                         e.old_value, e.new_value, static_cast<int64_t>(e.new_value - e.old_value));
      p = PutSymbolized(p, "old_sym", e.old_value);
      p = PutSymbolized(p, "new_sym", e.new_value);
      break;
    case EventKind::kStackGrow:
      p = fmt::format_to(p, ",\"old_lo\":\"{:#x}\",\"old_hi\":\"{:#x}\",\"new_lo\":\"{:#x}\",\"new_hi\":\"{:#x}\"",
                         e.old_bounds.lo, e.old_bounds.hi, e.new_bounds.lo, e.new_bounds.hi);
      break;
    case EventKind::kSyscall:
      p = fmt::format_to(p,
                         ",\"nr\":{},\"name\":\"{}\",\"args\":[\"{:#x}\",\"{:#x}\",\"{:#x}\"],\"result\":\"{:#x}\"",
                         e.sysno, e.sysname, e.sysargs[0], e.sysargs[1], e.sysargs[2], e.result);
      break;
    case EventKind::kFault:
      p = fmt::format_to(p, ",\"kind\":\"{}\",\"addr\":\"{:#x}\"", e.fault_kind, e.fault_addr);
      break;
    case EventKind::kExit:
      p = fmt::format_to(p, ",\"code\":{}", e.exit_code);
      break;
  }
  return Put(p, "}\n");
}

}  // namespace goemu::trace
