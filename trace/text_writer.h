// `--format text`: one line per event, indented by the depth of the stack it happened on,
// with functions symbolized as `main.main+75`. Meant for people; jsonl is for tools.
//
//   <step> <stack> <depth> <indent><event> <details>
#pragma once
#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/flow_text_cache.h"
#include "trace/output_buffer.h"
#include "trace/step_column.h"

namespace goemu::trace {

class TextWriter : public EventSink {
 public:
  TextWriter(const CodeIndex& code, OutputBuffer& out);
  void OnEvent(const Event& event, const emu::Machine& machine) override;
  void Finish() override { out_.Flush(); }

 private:
  char* PutDetails(char* p, const Event& e) const;

  const CodeIndex& code_;
  OutputBuffer& out_;
  const size_t symbols_room_;  // three symbolized pcs: the most a line has
  FlowTextCache flow_text_;
  StepColumn step_;
};

}  // namespace goemu::trace
