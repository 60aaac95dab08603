// Collects diagnostics for one assemble or link call and stops accepting them past a limit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isa/assembler.h"

namespace goemu::isa {

class DiagSink {
 public:
  explicit DiagSink(int max_errors) : max_errors_(max_errors) {}

  // source_line is copied only when the diagnostic is kept: past the limit, errors on a huge
  // line must cost nothing.
  void Error(const SourceLoc& loc, std::string message, std::string_view source_line = {});
  bool HasErrors() const { return count_ > 0; }
  int Count() const { return count_; }
  // True once an error past the limit arrived (it is counted, not kept): callers stop
  // looking for more, and the caller of Take() ends the list with TooManyErrors().
  bool Full() const { return count_ > max_errors_; }
  std::vector<Diagnostic> Take() { return std::move(diagnostics_); }

 private:
  int max_errors_;
  int count_ = 0;
  std::vector<Diagnostic> diagnostics_;
};

// The last line of a run that had more errors than it keeps. go tool asm ends the same way
// (cmd/asm's Parser.errorf gives up with "too many errors" past 10 errors; goemu keeps 20).
Diagnostic TooManyErrors();

}  // namespace goemu::isa
