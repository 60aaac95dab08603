// The session's window on the frame tracer: it remembers the first event of an armed kind
// (break-on) since the last Reset, formatted as the trace's text writer would print it, and
// every g it sees become current or own a stack, so `stacks` can list goroutines that are
// not running right now.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/output_buffer.h"
#include "trace/runtime_view.h"
#include "trace/text_writer.h"

namespace goemu::debugger {

class StopSink : public trace::EventSink {
 public:
  StopSink(const trace::CodeIndex& code, const trace::RuntimeView& view);

  void OnEvent(const trace::Event& event, const emu::Machine& machine) override;

  void Arm(trace::EventKind kind, bool on) { armed_[static_cast<int>(kind)] = on; }
  // Forgets the last hit; call before running.
  void Reset() { hit_.reset(); }
  // "retaddr-rewrite slot=0xc0000407b0 main.main+90 -> main.main+85 delta=-5" for the first
  // armed event since Reset, with its kind.
  const std::optional<std::pair<trace::EventKind, std::string>>& hit() const { return hit_; }
  const std::set<uint64_t>& seen_gs() const { return seen_gs_; }
  void NoteG(uint64_t g) {
    if (g != 0) seen_gs_.insert(g);
  }

 private:
  const trace::RuntimeView& view_;
  std::string line_;
  trace::OutputBuffer buffer_;
  trace::TextWriter writer_;
  std::array<bool, trace::kEventKindCount> armed_{};
  std::optional<std::pair<trace::EventKind, std::string>> hit_;
  std::set<uint64_t> seen_gs_;
};

}  // namespace goemu::debugger
