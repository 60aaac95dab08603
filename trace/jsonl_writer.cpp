#include "trace/jsonl_writer.h"

#include "trace/event_format.h"

namespace goemu::trace {

JsonlWriter::JsonlWriter(const CodeIndex& code, OutputBuffer& out) : code_(code), out_(out) {
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{{\"format\":\"goemu-trace\",\"version\":{}}}\n", kTraceFormatVersion);
  out_.Append(line_);
}

void JsonlWriter::Symbolized(std::string_view key, uint64_t pc) {
  sym_.clear();
  code_.AppendSymbolized(sym_, pc);
  line_.append(std::string_view(",\""));
  line_.append(key.data(), key.data() + key.size());
  line_.append(std::string_view("\":"));
  AppendJsonString(line_, std::string_view(sym_.data(), sym_.size()));
}

void JsonlWriter::OnEvent(const Event& e, const emu::Machine&) {
  line_.clear();
  auto out = std::back_inserter(line_);
  auto append = [this](std::string_view s) { line_.append(s.data(), s.data() + s.size()); };
  // The fields every event has, appended by hand: this runs once per event.
  const PcInfo where = code_.Lookup(e.next_pc);
  append("{\"step\":");
  AppendDec(line_, e.step);
  append(",\"event\":\"");
  append(EventName(e.kind));
  append("\",\"pc\":\"");
  AppendHex(line_, e.pc);
  append("\",\"fn\":");
  AppendJsonString(line_, code_.FuncName(where.func));
  append(",\"sp\":\"");
  AppendHex(line_, e.sp);
  append("\",\"g\":");
  AppendSigned(line_, e.goid);
  append(",\"stack\":");
  AppendJsonString(line_, e.stack);
  append(",\"depth\":");
  AppendDec(line_, e.depth);
  switch (e.kind) {
    case EventKind::kCall:
    case EventKind::kReturn:
    case EventKind::kTailJump:
      line_.append(std::string_view(",\"from\":"));
      AppendJsonString(line_, code_.FuncName(e.from_func));
      line_.append(std::string_view(",\"to\":"));
      AppendJsonString(line_, code_.FuncName(e.to_func));
      Symbolized("site", e.site);
      break;
    case EventKind::kStackSwitch:
      line_.append(std::string_view(",\"from_stack\":"));
      AppendJsonString(line_, e.from_stack);
      break;
    case EventKind::kGSwitch:
      fmt::format_to(out, ",\"old_g\":{},\"old_g_ptr\":\"{:#x}\",\"g_ptr\":\"{:#x}\"", e.old_goid, e.old_g_ptr,
                     e.g_ptr);
      break;
    case EventKind::kRetaddrRewrite:
      fmt::format_to(out, ",\"slot\":\"{:#x}\",\"old\":\"{:#x}\",\"new\":\"{:#x}\",\"delta\":{}", e.slot, e.old_value,
                     e.new_value, static_cast<int64_t>(e.new_value - e.old_value));
      Symbolized("old_sym", e.old_value);
      Symbolized("new_sym", e.new_value);
      break;
    case EventKind::kStackGrow:
      fmt::format_to(out, ",\"old_lo\":\"{:#x}\",\"old_hi\":\"{:#x}\",\"new_lo\":\"{:#x}\",\"new_hi\":\"{:#x}\"",
                     e.old_bounds.lo, e.old_bounds.hi, e.new_bounds.lo, e.new_bounds.hi);
      break;
    case EventKind::kSyscall:
      fmt::format_to(out, ",\"nr\":{},\"name\":\"{}\",\"args\":[\"{:#x}\",\"{:#x}\",\"{:#x}\"],\"result\":\"{:#x}\"",
                     e.sysno, e.sysname, e.sysargs[0], e.sysargs[1], e.sysargs[2], e.result);
      break;
    case EventKind::kFault:
      fmt::format_to(out, ",\"kind\":\"{}\",\"addr\":\"{:#x}\"", e.fault_kind, e.fault_addr);
      break;
    case EventKind::kExit:
      fmt::format_to(out, ",\"code\":{}", e.exit_code);
      break;
  }
  line_.append(std::string_view("}\n"));
  out_.Append(line_);
}

}  // namespace goemu::trace
