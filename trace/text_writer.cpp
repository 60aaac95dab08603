#include "trace/text_writer.h"

#include <algorithm>

#include "trace/event_format.h"

namespace goemu::trace {
namespace {

// Deep recursion would push lines off the screen; past this the depth column still tells.
constexpr uint32_t kMaxIndent = 32;

// A g by goid; a TLS slot value that is no g as "none" (0) or its hex value (rt0_go's
// 0x123 self-test).
void AppendG(fmt::memory_buffer& out, int64_t goid, uint64_t ptr) {
  if (goid >= 0) {
    fmt::format_to(std::back_inserter(out), "g{}", goid);
  } else if (ptr == 0) {
    out.append(std::string_view("none"));
  } else {
    fmt::format_to(std::back_inserter(out), "{:#x}", ptr);
  }
}

}  // namespace

void TextWriter::OnEvent(const Event& e, const emu::Machine&) {
  line_.clear();
  auto out = std::back_inserter(line_);
  // `{:>10} {:<7} {:>4} ` and the indent, appended by hand: this is the per-event hot path.
  const fmt::format_int step(e.step), depth(e.depth);
  AppendPadded(line_, std::string_view(step.data(), step.size()), 10, true);
  line_.push_back(' ');
  AppendPadded(line_, e.stack, 7, false);
  line_.push_back(' ');
  AppendPadded(line_, std::string_view(depth.data(), depth.size()), 4, true);
  AppendSpaces(line_, 1 + 2 * std::min(e.depth, kMaxIndent));
  auto append = [this](std::string_view s) { line_.append(s.data(), s.data() + s.size()); };
  append(EventName(e.kind));
  switch (e.kind) {
    case EventKind::kCall:
      line_.push_back(' ');
      append(code_.FuncName(e.to_func));
      append(" <- ");
      code_.AppendSymbolized(line_, e.site);
      break;
    case EventKind::kReturn:
      line_.push_back(' ');
      append(code_.FuncName(e.from_func));
      append(" -> ");
      code_.AppendSymbolized(line_, e.site);
      break;
    case EventKind::kTailJump:
      fmt::format_to(out, " {} -> {} at ", code_.FuncName(e.from_func), code_.FuncName(e.to_func));
      code_.AppendSymbolized(line_, e.site);
      break;
    case EventKind::kStackSwitch:
      fmt::format_to(out, " {} -> {} sp={:#x} at ", e.from_stack, e.stack, e.sp);
      code_.AppendSymbolized(line_, e.pc);
      break;
    case EventKind::kGSwitch:
      line_.push_back(' ');
      AppendG(line_, e.old_goid, e.old_g_ptr);
      line_.append(std::string_view(" -> "));
      AppendG(line_, e.goid, e.g_ptr);
      line_.append(std::string_view(" at "));
      code_.AppendSymbolized(line_, e.pc);
      break;
    case EventKind::kRetaddrRewrite:
      fmt::format_to(out, " slot={:#x} ", e.slot);
      code_.AppendSymbolized(line_, e.old_value);
      line_.append(std::string_view(" -> "));
      code_.AppendSymbolized(line_, e.new_value);
      fmt::format_to(out, " delta={}", static_cast<int64_t>(e.new_value - e.old_value));
      break;
    case EventKind::kStackGrow:
      fmt::format_to(out, " [{:#x},{:#x}) {} -> [{:#x},{:#x}) {}", e.old_bounds.lo, e.old_bounds.hi,
                     e.old_bounds.hi - e.old_bounds.lo, e.new_bounds.lo, e.new_bounds.hi,
                     e.new_bounds.hi - e.new_bounds.lo);
      break;
    case EventKind::kSyscall: {
      if (e.sysname.empty()) {
        fmt::format_to(out, " {}", e.sysno);
      } else {
        fmt::format_to(out, " {}", e.sysname);
      }
      fmt::format_to(out, "({:#x}, {:#x}, {:#x}) = {:#x}", e.sysargs[0], e.sysargs[1], e.sysargs[2], e.result);
      break;
    }
    case EventKind::kFault:
      fmt::format_to(out, " {} addr={:#x} at ", e.fault_kind, e.fault_addr);
      code_.AppendSymbolized(line_, e.pc);
      break;
    case EventKind::kExit:
      fmt::format_to(out, " {}", e.exit_code);
      break;
  }
  line_.push_back('\n');
  out_.Append(line_);
}

}  // namespace goemu::trace
