#include "trace/trace_output.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

#include "trace/chrome_writer.h"
#include "trace/jsonl_writer.h"
#include "trace/text_writer.h"

namespace goemu::trace {

std::unique_ptr<OutputBuffer> OpenTraceOutput(const std::string& path, std::string* error) {
  if (path.empty()) {
    // A closed pipe must end the trace quietly, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    return std::make_unique<OutputBuffer>(STDOUT_FILENO);
  }
  // A file past the size limit (ulimit -f) must end the trace with the error the command
  // reports (EFBIG), as a full disk does, not kill the process with SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  return OutputBuffer::OpenFile(path, error);
}

std::unique_ptr<EventSink> MakeEventWriter(std::string_view format, const CodeIndex& code, OutputBuffer& out) {
  if (format == "jsonl") return std::make_unique<JsonlWriter>(code, out);
  if (format == "chrome") return std::make_unique<ChromeWriter>(code, out);
  return std::make_unique<TextWriter>(code, out);
}

std::string TraceWriteError(OutputBuffer& out, const std::string& path) {
  const int error = out.error();
  if (error == 0 || error == EPIPE) return "";
  const std::string where = path.empty() ? std::string("standard output") : path;
  return fmt::format("cannot write the trace to {}: {}", where, std::strerror(error));
}

}  // namespace goemu::trace
