#include "tests/trace_golden/golden_form.h"

#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace goemu::trace::golden {
namespace {

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; start = nl + 1, nl = text.find('\n', start)) {
    lines.push_back(text.substr(start, nl - start + 1));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// The text format's fourth column is the event name: `step stack depth  event ...`.
bool IsFrameEvent(std::string_view line) {
  std::istringstream words{std::string(line)};
  std::string step, stack, depth, event;
  words >> step >> stack >> depth >> event;
  return event == "call" || event == "return" || event == "tail-jump";
}

}  // namespace

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string GoldenForm(std::string_view trace) {
  const std::vector<std::string_view> lines = Lines(trace);
  if (lines.size() <= kMaxVerbatimLines) return std::string(trace);
  std::string out;
  for (size_t i = 0; i < kHeadLines; ++i) out += lines[i];
  const size_t tail_start = lines.size() - kTailLines;
  out += fmt::format("# {} lines elided; fnv1a-64 of the whole trace {:#018x}; the elided events other than call, "
                     "return and tail-jump:\n",
                     tail_start - kHeadLines, Fnv1a64(trace));
  for (size_t i = kHeadLines; i < tail_start; ++i) {
    if (!IsFrameEvent(lines[i])) out += lines[i];
  }
  out += "# end of elided lines\n";
  for (size_t i = tail_start; i < lines.size(); ++i) out += lines[i];
  return out;
}

}  // namespace goemu::trace::golden
