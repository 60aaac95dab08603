// An EventSink that draws frame diagrams at chosen events (`goemu run --diagrams-at`,
// `goemu frames --at EVENT`) and passes every event on to the writer behind it. The picture
// is taken inside OnEvent, so it shows the machine right after the instruction that caused
// the event, whatever the machine does next.
#pragma once
#include <functional>
#include <string>

#include "trace/code_index.h"
#include "trace/diagram_model.h"
#include "trace/event.h"
#include "trace/runtime_view.h"
#include "trace/stop_point.h"

namespace goemu::trace {

class DiagramSink : public EventSink {
 public:
  // Called with each diagram and the event it was taken at.
  using Emit = std::function<void(const MachineDiagram& diagram, const Event& event, uint64_t nth)>;

  // `point` must be an event point (nth 0 = every event of that kind). `next` may be null.
  DiagramSink(const CodeIndex& code, const RuntimeView& runtime, StopPoint point, DiagramOptions options, Emit emit,
              EventSink* next)
      : code_(code), runtime_(runtime), point_(point), options_(options), emit_(std::move(emit)), next_(next) {}

  void OnEvent(const Event& event, const emu::Machine& machine) override;
  void Finish() override;
  // Diagrams drawn so far.
  uint64_t drawn() const { return drawn_; }

 private:
  const CodeIndex& code_;
  const RuntimeView& runtime_;
  StopPoint point_;
  DiagramOptions options_;
  Emit emit_;
  EventSink* next_;
  uint64_t seen_ = 0;
  uint64_t drawn_ = 0;
};

}  // namespace goemu::trace
