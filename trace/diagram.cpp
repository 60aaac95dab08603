#include "trace/diagram.h"

#include <fmt/format.h>

namespace goemu::trace {
namespace {

constexpr int kRuleWidth = 90;

class AsciiPainter {
 public:
  explicit AsciiPainter(fmt::memory_buffer& out) : out_(out) {}

  void Stack(const StackDiagram& s) {
    auto it = std::back_inserter(out_);
    fmt::format_to(it, "stack {} [{:#x}, {:#x})", s.name, s.bounds.lo, s.bounds.hi);
    if (s.g != 0) fmt::format_to(it, " g={:#x}", s.g);
    if (s.m_id >= 0) fmt::format_to(it, " m{}", s.m_id);
    if (!s.status.empty()) fmt::format_to(it, " {}", s.status);
    out_.push_back('\n');
    if (s.sp == 0) {
      fmt::format_to(it, "  (no saved SP on this stack)\n");
      return;
    }
    fmt::format_to(it, "{} {} sp={:#x} bp={:#x}\n", s.live ? "pc" : "sched.pc", s.where, s.sp, s.bp);
    fmt::format_to(it, "  {:<14} | {:<18} |\n", "address", "value");
    fmt::format_to(it, "  {:#014x} +{:-<{}} stack.hi\n", s.bounds.hi, "", kRuleWidth - 15);
    sp_ = s.sp;
    bp_ = s.bp;
    fp_ = s.frames.empty() ? 0 : FpOfInnermost(s);
    if (s.end == UnwindEnd::kDepthLimit) fmt::format_to(it, "  {:>14} | {:>18} | (older frames not drawn)\n", "...", "");
    for (const DiagramFrame& f : s.frames) {
      fmt::format_to(it, "  +{:-<{}}\n", fmt::format("-- {} ", f.title), kRuleWidth);
      for (const DiagramRow& row : f.rows) Row(row);
    }
    fmt::format_to(it, "  +{:-<{}}\n", "", kRuleWidth);
    fmt::format_to(it, "unwinding stopped: {}\n", UnwindEndName(s.end));
    if (s.stackguard0 != 0) {
      fmt::format_to(it, "  {:#014x} ={:=<{}} stackguard0", s.stackguard0, "", kRuleWidth - 15);
      if (s.sp >= s.stackguard0) fmt::format_to(it, " ({} bytes below SP)", s.sp - s.stackguard0);
      out_.push_back('\n');
    }
    fmt::format_to(it, "  {:#014x} +{:-<{}} stack.lo\n", s.bounds.lo, "", kRuleWidth - 15);
  }

 private:
  // FP of the innermost frame: the row right above its return slot.
  static uint64_t FpOfInnermost(const StackDiagram& s) {
    for (const DiagramRow& row : s.frames.back().rows) {
      if (row.kind == RowKind::kReturn) return row.addr + 8;
    }
    return 0;
  }

  void Row(const DiagramRow& row) {
    auto it = std::back_inserter(out_);
    if (row.kind == RowKind::kElided) {
      fmt::format_to(it, "  {:>14} | {:>18} | {}\n", "...", "", row.label);
      return;
    }
    if (row.value) {
      fmt::format_to(it, "  {:#014x} | {:#018x} | {:<52}", row.addr, *row.value, row.label);
    } else {
      fmt::format_to(it, "  {:#014x} | {:>18} | {:<52}", row.addr, "(unmapped)", row.label);
    }
    if (row.addr == fp_) fmt::format_to(it, " <- FP");
    if (row.addr == bp_) fmt::format_to(it, " <- BP");
    if (row.addr == sp_) fmt::format_to(it, " <- SP");
    // Rows without an arrow end at their label.
    while (out_.size() > 0 && out_[out_.size() - 1] == ' ') out_.resize(out_.size() - 1);
    out_.push_back('\n');
  }

  fmt::memory_buffer& out_;
  uint64_t sp_ = 0, bp_ = 0, fp_ = 0;
};

}  // namespace

std::string RenderAscii(const MachineDiagram& d) {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "step {}  current g: {}\n", d.step, d.current_name);
  AsciiPainter painter(out);
  for (size_t i = 0; i < d.stacks.size(); ++i) {
    if (i > 0) out.push_back('\n');
    painter.Stack(d.stacks[i]);
  }
  if (!d.sched.empty()) fmt::format_to(it, "{}\n", d.sched);
  for (const std::string& line : d.defers) fmt::format_to(it, "{}\n", line);
  return fmt::to_string(out);
}

std::string RenderAsciiDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                               const DiagramOptions& options) {
  return RenderAscii(BuildDiagram(code, runtime, machine, options));
}

}  // namespace goemu::trace
