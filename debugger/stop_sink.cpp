#include "debugger/stop_sink.h"

#include "emulator/machine.h"

namespace goemu::debugger {

StopSink::StopSink(const trace::CodeIndex& code, const trace::RuntimeView& view)
    : view_(view), buffer_(&line_), writer_(code, buffer_) {}

void StopSink::OnEvent(const trace::Event& event, const emu::Machine& machine) {
  if (event.kind == trace::EventKind::kGSwitch || event.kind == trace::EventKind::kStackSwitch) {
    NoteG(view_.CurrentG(machine));
    NoteG(view_.OwnerOf(machine, event.sp).g);
  }
  if (!armed_[static_cast<int>(event.kind)] || hit_) return;
  line_.clear();
  writer_.OnEvent(event, machine);
  buffer_.Flush();
  // The text writer's line starts with step, stack, depth and an indent; the stop message
  // shows those elsewhere and keeps the event itself.
  std::string text = line_.substr(0, line_.find_last_not_of('\n') + 1);
  const size_t at = text.find(trace::EventName(event.kind), 10);
  hit_.emplace(event.kind, at == std::string::npos ? text : text.substr(at));
}

}  // namespace goemu::debugger
