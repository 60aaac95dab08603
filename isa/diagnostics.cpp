// Diagnostic rendering and collection.
#include <fmt/format.h>

#include "isa/diag_sink.h"

namespace goemu::isa {

std::string Diagnostic::Format() const {
  std::string out = loc.col > 0 ? fmt::format("{}:{}:{}: error: {}\n", loc.file, loc.line, loc.col, message)
                                : fmt::format("{}:{}: error: {}\n", loc.file, loc.line, message);
  if (!source_line.empty()) {
    out += fmt::format("    {}\n", source_line);
    if (loc.col > 0) {
      // Keep tabs so the caret lines up under the column however the terminal expands them.
      std::string pad;
      for (int i = 0; i + 1 < loc.col && i < static_cast<int>(source_line.size()); ++i) {
        pad += source_line[i] == '\t' ? '\t' : ' ';
      }
      out += fmt::format("    {}^\n", pad);
    }
  }
  return out;
}

void DiagSink::Error(const SourceLoc& loc, std::string message, std::string source_line) {
  ++count_;
  if (count_ > max_errors_) return;
  diagnostics_.push_back(Diagnostic{loc, std::move(message), std::move(source_line)});
}

}  // namespace goemu::isa
