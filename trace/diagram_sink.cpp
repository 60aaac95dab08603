#include "trace/diagram_sink.h"

namespace goemu::trace {

void DiagramSink::OnEvent(const Event& event, const emu::Machine& machine) {
  if (next_ != nullptr) next_->OnEvent(event, machine);
  if (event.kind != point_.event) return;
  ++seen_;
  if (point_.nth != 0 && seen_ != point_.nth) return;
  ++drawn_;
  emit_(BuildDiagram(code_, runtime_, machine, options_), event, seen_);
}

void DiagramSink::Finish() {
  if (next_ != nullptr) next_->Finish();
}

}  // namespace goemu::trace
