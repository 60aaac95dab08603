// Diagnostic rendering and collection.
#include <fmt/format.h>

#include "isa/diag_sink.h"

namespace goemu::isa {

std::string Diagnostic::Format() const {
  if (loc.file.empty()) return message + "\n";  // TooManyErrors(): about the run, not a place
  // Line 0 means the whole file (it could not be read) or the link as a whole.
  std::string out = loc.line == 0  ? fmt::format("{}: error: {}\n", loc.file, message)
                    : loc.col > 0 ? fmt::format("{}:{}:{}: error: {}\n", loc.file, loc.line, loc.col, message)
                                  : fmt::format("{}:{}: error: {}\n", loc.file, loc.line, message);
  if (!source_line.empty()) {
    // A generated or garbage line can be megabytes long; the start of it is enough to find it.
    constexpr size_t kShown = 200;
    const bool cut = source_line.size() > kShown;
    out += fmt::format("    {}{}\n", std::string_view(source_line).substr(0, kShown), cut ? " ..." : "");
    if (loc.col > 0 && static_cast<size_t>(loc.col) <= kShown) {
      // Keep tabs so the caret lines up under the column however the terminal expands them.
      // Columns count bytes; a multi-byte UTF-8 character (Go's `·`) takes one screen cell.
      std::string pad;
      for (int i = 0; i + 1 < loc.col && i < static_cast<int>(source_line.size()); ++i) {
        if ((static_cast<unsigned char>(source_line[i]) & 0xc0) == 0x80) continue;
        pad += source_line[i] == '\t' ? '\t' : ' ';
      }
      out += fmt::format("    {}^\n", pad);
    }
  }
  return out;
}

Diagnostic TooManyErrors() { return Diagnostic{SourceLoc{}, "too many errors", {}}; }

void DiagSink::Error(const SourceLoc& loc, std::string message, std::string_view source_line) {
  ++count_;
  if (count_ > max_errors_) return;
  diagnostics_.push_back(Diagnostic{loc, std::move(message), std::string(source_line)});
}

}  // namespace goemu::isa
