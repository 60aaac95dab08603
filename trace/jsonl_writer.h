// `--format jsonl`: a header object with the format version, then one JSON object per
// event. Field names and meanings are documented in docs/trace-format.md; addresses are
// hex strings ("0x401000") so no reader loses precision.
#pragma once
#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/flow_text_cache.h"
#include "trace/output_buffer.h"
#include "trace/step_digits.h"

namespace goemu::trace {

inline constexpr int kTraceFormatVersion = 1;

class JsonlWriter : public EventSink {
 public:
  JsonlWriter(const CodeIndex& code, OutputBuffer& out);
  void OnEvent(const Event& event, const emu::Machine& machine) override;
  void Finish() override { out_.Flush(); }

 private:
  // ,"key":"main.main+75" at p.
  char* PutSymbolized(char* p, std::string_view key, uint64_t pc);
  // ,"event":...,"fn":...,"sp":" : what comes between the step and the SP's digits.
  char* PutHead(char* p, const Event& e);
  // The fields of the event's kind, and the end of the line.
  char* PutDetails(char* p, const Event& e);
  // ","g":1,"stack":"g1","depth": : the goid and the stack's name as a JSON string cost more
  // than the rest of a cached line, and events come in long runs on one g and stack.
  char* PutGAndStack(char* p, int64_t goid, std::string_view stack);

  const CodeIndex& code_;
  OutputBuffer& out_;
  fmt::memory_buffer sym_;
  FlowTextCache flow_text_;  // a call's head and details, by its code fields
  StepDigits step_;
  // The last goid and stack PutGAndStack wrote, and their text; a text too long for the
  // array is not kept.
  static constexpr size_t kGAndStackText = 64;
  int64_t goid_ = -1;
  std::string stack_name_;
  size_t g_and_stack_size_ = 0;  // 0: none kept
  char g_and_stack_text_[kGAndStackText] = {};
};

}  // namespace goemu::trace
