// `--format jsonl`: a header object with the format version, then one JSON object per
// event. Field names and meanings are documented in docs/trace-format.md; addresses are
// hex strings ("0x401000") so no reader loses precision.
#pragma once
#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/output_buffer.h"

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

  const CodeIndex& code_;
  OutputBuffer& out_;
  fmt::memory_buffer sym_;
};

}  // namespace goemu::trace
