#include "trace/trace_session.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

#include "trace/chrome_writer.h"
#include "trace/code_index.h"
#include "trace/diagram.h"
#include "trace/diagram_sink.h"
#include "trace/event_format.h"
#include "trace/frame_tracer.h"
#include "trace/insn_writer.h"
#include "trace/jsonl_writer.h"
#include "trace/output_buffer.h"
#include "trace/text_writer.h"

namespace goemu::trace {

struct TraceSession::Impl {
  Impl(emu::Machine& m, const isa::Image& image, RuntimeLayout layout)
      : machine(m), code(image), view(std::move(layout)) {}
  emu::Machine& machine;
  CodeIndex code;
  RuntimeView view;
  std::string path;  // the --trace-out file; "" for standard output
  std::unique_ptr<OutputBuffer> out;
  std::unique_ptr<EventSink> writer;
  std::unique_ptr<DiagramSink> diagrams;
  fmt::memory_buffer line;
  std::unique_ptr<FrameTracer> tracer;
  std::unique_ptr<TracingSyscallHandler> syscalls;
  std::unique_ptr<InsnWriter> insns;
};

void AddTraceOptions(CLI::App* command, TraceOptions* options) {
  command->add_flag("--trace{calls}", options->mode,
                    "stream frame events (calls, returns, stack and g switches, ...); --trace=insns adds every "
                    "instruction")
      ->check(CLI::IsMember({"calls", "insns"}));
  command->add_option("--format", options->format, "trace format: text, jsonl or chrome")
      ->check(CLI::IsMember({"text", "jsonl", "chrome"}));
  command->add_option("--trace-out", options->out, "write the trace to this file instead of standard output");
  command->add_option("--diagrams-at", options->diagrams_at,
                      "draw a frame diagram of every stack at each such event (EVENT or EVENT#n), into the trace "
                      "output");
}

namespace {

// Diagrams in the trace stream: a titled text block, or one jsonl line.
void WriteDiagram(OutputBuffer& out, fmt::memory_buffer& line, bool json, const MachineDiagram& diagram,
                  const Event& event, uint64_t nth) {
  line.clear();
  const std::string text = RenderAscii(diagram);
  if (json) {
    fmt::format_to(std::back_inserter(line), "{{\"step\":{},\"event\":\"diagram\",\"at\":\"{}#{}\",\"text\":",
                   event.step, EventName(event.kind), nth);
    AppendJsonString(line, text);
    line.append(std::string_view("}\n"));
  } else {
    fmt::format_to(std::back_inserter(line), "--- diagram at {}#{} (step {}) ---\n{}--- end of diagram ---\n",
                   EventName(event.kind), nth, event.step, text);
  }
  out.Append(line);
}

}  // namespace

std::unique_ptr<TraceSession> TraceSession::Attach(const TraceOptions& options, const isa::Image& image,
                                                   emu::Machine& machine, RuntimeLayout layout, std::string* error) {
  if (options.mode.empty() && options.diagrams_at.empty()) return nullptr;
  std::optional<StopPoint> diagram_point;
  if (!options.diagrams_at.empty()) {
    ParsedStopPoint parsed = ParseEventPoint(options.diagrams_at);
    if (!parsed.point) {
      *error = fmt::format("--diagrams-at {}", parsed.error);
      return nullptr;
    }
    if (options.format == "chrome") {
      *error = "--diagrams-at needs --format text or jsonl";
      return nullptr;
    }
    diagram_point = parsed.point;
  }
  if (const isa::ImageSymbol* g0 = image.FindSymbol("runtime.g0"); g0 != nullptr && layout.g0_addr == 0) {
    layout.g0_addr = g0->addr;
  }
  if (const isa::ImageSymbol* allgs = image.FindSymbol("runtime.allgs"); allgs != nullptr && layout.allgs_addr == 0) {
    layout.allgs_addr = allgs->addr;
  }
  auto impl = std::unique_ptr<Impl>(new Impl(machine, image, std::move(layout)));
  if (options.out.empty()) {
    // A closed pipe must end the trace quietly, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    impl->out = std::make_unique<OutputBuffer>(STDOUT_FILENO);
  } else {
    impl->path = options.out;
    // A file past the size limit (ulimit -f) must end the trace with the error the run
    // reports (EFBIG), as a full disk does, not kill the process with SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
    impl->out = OutputBuffer::OpenFile(options.out, error);
    if (impl->out == nullptr) return nullptr;
  }
  const bool json = options.format == "jsonl";
  if (options.mode.empty()) {
    // Diagrams only: no event lines.
  } else if (json) {
    impl->writer = std::make_unique<JsonlWriter>(impl->code, *impl->out);
  } else if (options.format == "chrome") {
    impl->writer = std::make_unique<ChromeWriter>(impl->code, *impl->out);
  } else {
    impl->writer = std::make_unique<TextWriter>(impl->code, *impl->out);
  }
  EventSink* sink = impl->writer.get();
  if (diagram_point) {
    Impl* raw = impl.get();
    DiagramOptions diagram_options;
    diagram_options.all_stacks = true;
    impl->diagrams = std::make_unique<DiagramSink>(
        impl->code, impl->view, *diagram_point, diagram_options,
        [raw, json](const MachineDiagram& d, const Event& e, uint64_t nth) {
          WriteDiagram(*raw->out, raw->line, json, d, e, nth);
        },
        sink);
    sink = impl->diagrams.get();
  }
  impl->tracer = std::make_unique<FrameTracer>(impl->code, impl->view, machine.memory(), *sink);
  impl->tracer->Start(machine);
  impl->syscalls = std::make_unique<TracingSyscallHandler>(*impl->tracer, machine.syscall_handler());
  machine.SetSyscallHandler(impl->syscalls.get());
  if (options.mode == "insns" && options.format != "chrome") {
    impl->insns = std::make_unique<InsnWriter>(impl->code, *impl->tracer, *impl->out, options.format == "jsonl");
    impl->insns->Start(machine);
    machine.SetObserver(impl->insns.get());
  } else {
    machine.SetObserver(impl->tracer.get());
  }
  return std::unique_ptr<TraceSession>(new TraceSession(std::move(impl)));
}

TraceSession::TraceSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TraceSession::~TraceSession() {
  if (impl_ == nullptr) return;
  impl_->machine.SetObserver(nullptr);
  impl_->machine.SetSyscallHandler(impl_->syscalls->inner());
}

void TraceSession::Finish(const emu::RunResult& result) {
  impl_->tracer->Finish(impl_->machine, result);
  impl_->out->Flush();
}

std::string TraceSession::WriteError() const {
  const int error = impl_->out->error();
  if (error == 0 || error == EPIPE) return "";
  const std::string where = impl_->path.empty() ? std::string("standard output") : impl_->path;
  return fmt::format("cannot write the trace to {}: {}", where, std::strerror(error));
}

bool TraceSession::broken() const { return impl_->out->broken(); }

}  // namespace goemu::trace
