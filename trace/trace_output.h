// Where a trace goes and what writes its events: shared by `goemu run` (TraceSession) and
// `goemu render`, which turns a binary trace into the same text, jsonl or chrome bytes.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/output_buffer.h"

namespace goemu::trace {

// Standard output for an empty path, else the file (truncated); nullptr with *error set
// when it cannot be opened. A reader that goes away or a file past its size limit then ends
// the trace with an error the command reports, not with a signal.
std::unique_ptr<OutputBuffer> OpenTraceOutput(const std::string& path, std::string* error);

// The writer of a textual format: "text", "jsonl" or "chrome".
std::unique_ptr<EventSink> MakeEventWriter(std::string_view format, const CodeIndex& code, OutputBuffer& out);

// After the last flush: why the trace could not be written in full (a full disk, an I/O
// error), or "" when it was. A reader that went away is no error.
std::string TraceWriteError(OutputBuffer& out, const std::string& path);

}  // namespace goemu::trace
