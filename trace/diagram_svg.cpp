#include "trace/diagram_svg.h"

#include <algorithm>

#include <fmt/format.h>

namespace goemu::trace {
namespace {

constexpr int kRowHeight = 18;
constexpr int kAddrWidth = 118;
constexpr int kValueWidth = 150;
constexpr int kLabelWidth = 360;
constexpr int kArrowWidth = 70;
constexpr int kColumnWidth = kAddrWidth + kValueWidth + kLabelWidth + kArrowWidth;
constexpr int kGap = 30;
constexpr int kMargin = 16;
constexpr int kHeaderLines = 3;

struct Palette {
  const char* header;
  const char* title;
};
constexpr Palette kG0Palette{"#f6d7ae", "#9a5b13"};
constexpr Palette kGPalette{"#cfe2f7", "#1f4f82"};

const char* RowFill(RowKind kind) {
  switch (kind) {
    case RowKind::kArg: return "#dff3df";
    case RowKind::kReturn: return "#fff1a8";
    case RowKind::kSavedBp: return "#e6e6e6";
    case RowKind::kLocal: return "#ffffff";
    case RowKind::kElided: return "#f4f4f4";
  }
  return "#ffffff";
}

void AppendEscaped(fmt::memory_buffer& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out.append(std::string_view("&amp;")); break;
      case '<': out.append(std::string_view("&lt;")); break;
      case '>': out.append(std::string_view("&gt;")); break;
      case '"': out.append(std::string_view("&quot;")); break;
      default: out.push_back(c);
    }
  }
}

class SvgPainter {
 public:
  explicit SvgPainter(fmt::memory_buffer& out) : out_(out) {}

  void Text(int x, int y, std::string_view text, std::string_view attrs = "") {
    fmt::format_to(std::back_inserter(out_), "<text x=\"{}\" y=\"{}\"{}{}>", x, y, attrs.empty() ? "" : " ", attrs);
    AppendEscaped(out_, text);
    out_.append(std::string_view("</text>\n"));
  }
  void Rect(int x, int y, int w, int h, std::string_view fill, std::string_view stroke = "#888") {
    fmt::format_to(std::back_inserter(out_),
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\"/>\n", x, y, w, h,
                   fill, stroke);
  }

  // Draws one stack at column x; returns the height used.
  int Stack(const StackDiagram& s, int x, int y0) {
    const Palette& p = s.is_g0 ? kG0Palette : kGPalette;
    int y = y0;
    Rect(x, y, kColumnWidth, kHeaderLines * kRowHeight + 4, p.header, p.title);
    std::string owner = fmt::format("stack {}", s.name);
    if (s.m_id >= 0) owner += fmt::format(" on m{}", s.m_id);
    if (!s.status.empty()) owner += fmt::format(" ({})", s.status);
    Text(x + 6, y + kRowHeight - 3, owner, fmt::format("font-weight=\"bold\" fill=\"{}\"", p.title));
    Text(x + 6, y + 2 * kRowHeight - 3, fmt::format("[{:#x}, {:#x}) stackguard0={:#x}", s.bounds.lo, s.bounds.hi,
                                                    s.stackguard0));
    Text(x + 6, y + 3 * kRowHeight - 3,
         s.sp == 0 ? std::string("no saved SP") : fmt::format("{} {}", s.live ? "pc" : "sched.pc", s.where));
    y += kHeaderLines * kRowHeight + 8;
    Text(x + 2, y + kRowHeight - 5, fmt::format("stack.hi {:#x}", s.bounds.hi), "fill=\"#666\"");
    y += kRowHeight;
    const uint64_t fp = InnermostFp(s);
    if (s.end == UnwindEnd::kDepthLimit) {
      Text(x + kAddrWidth + kValueWidth + 6, y + kRowHeight - 5, "(older frames not drawn)", "fill=\"#666\"");
      y += kRowHeight;
    }
    for (const DiagramFrame& f : s.frames) {
      Rect(x, y, kColumnWidth - kArrowWidth, kRowHeight, p.title, p.title);
      Text(x + 6, y + kRowHeight - 5, f.title, "fill=\"#fff\" font-weight=\"bold\"");
      y += kRowHeight;
      for (const DiagramRow& row : f.rows) {
        RowBox(row, x, y, s.sp, s.bp, fp);
        y += kRowHeight;
      }
    }
    Text(x + 2, y + kRowHeight - 5, fmt::format("unwinding stopped: {}", UnwindEndName(s.end)), "fill=\"#666\"");
    y += kRowHeight;
    if (s.stackguard0 != 0) {
      fmt::format_to(std::back_inserter(out_),
                     "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-dasharray=\"6,3\"/>\n", x,
                     y + 4, x + kColumnWidth - kArrowWidth, y + 4);
      Text(x + 2, y + kRowHeight, fmt::format("stackguard0 {:#x}", s.stackguard0), "fill=\"#c0392b\"");
      y += kRowHeight + 4;
    }
    Text(x + 2, y + kRowHeight - 5, fmt::format("stack.lo {:#x}", s.bounds.lo), "fill=\"#666\"");
    return y + kRowHeight - y0;
  }

 private:
  static uint64_t InnermostFp(const StackDiagram& s) {
    if (s.frames.empty()) return 0;
    for (const DiagramRow& row : s.frames.back().rows) {
      if (row.kind == RowKind::kReturn) return row.addr + 8;
    }
    return 0;
  }

  void RowBox(const DiagramRow& row, int x, int y, uint64_t sp, uint64_t bp, uint64_t fp) {
    const int w = kColumnWidth - kArrowWidth;
    Rect(x, y, w, kRowHeight, RowFill(row.kind), "#aaa");
    const int base = y + kRowHeight - 5;
    if (row.kind == RowKind::kElided) {
      Text(x + kAddrWidth + kValueWidth + 6, base, row.label, "fill=\"#666\"");
      return;
    }
    Text(x + 4, base, fmt::format("{:#x}", row.addr), "fill=\"#555\"");
    Text(x + kAddrWidth, base, row.value ? fmt::format("{:#x}", *row.value) : std::string("(unmapped)"));
    Text(x + kAddrWidth + kValueWidth, base, row.label);
    std::string arrows;
    auto add = [&](bool on, std::string_view name) {
      if (on) arrows += fmt::format("{}{}", arrows.empty() ? "\u2190 " : " ", name);
    };
    add(row.addr == sp, "SP");
    add(row.addr == bp, "BP");
    add(row.addr == fp, "FP");
    if (!arrows.empty()) Text(x + w + 4, base, arrows, "fill=\"#c0392b\" font-weight=\"bold\"");
  }

  fmt::memory_buffer& out_;
};

}  // namespace

std::string RenderSvg(const MachineDiagram& d) {
  const int columns = std::max<int>(1, static_cast<int>(d.stacks.size()));
  const int width = 2 * kMargin + columns * kColumnWidth + (columns - 1) * kGap;
  // The body first: the height is known once every column is drawn.
  fmt::memory_buffer body;
  SvgPainter painter(body);
  painter.Text(kMargin, kMargin + 12, fmt::format("step {}, current g: {}", d.step, d.current_name),
               "font-weight=\"bold\" font-size=\"14\"");
  int used = 0;
  for (size_t i = 0; i < d.stacks.size(); ++i) {
    const int x = kMargin + static_cast<int>(i) * (kColumnWidth + kGap);
    used = std::max(used, painter.Stack(d.stacks[i], x, kMargin + kRowHeight + 8));
  }
  int y = kMargin + kRowHeight + 8 + used + kRowHeight;
  if (!d.sched.empty()) {
    painter.Text(kMargin, y, d.sched);
    y += kRowHeight;
  }
  for (const std::string& line : d.defers) {
    painter.Text(kMargin, y, line);
    y += kRowHeight;
  }
  const int height = y + kMargin;
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                 "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">\n"
                 "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
                 width, height);
  out.append(body);
  out.append(std::string_view("</svg>\n"));
  return fmt::to_string(out);
}

}  // namespace goemu::trace
