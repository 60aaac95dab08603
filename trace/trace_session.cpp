#include "trace/trace_session.h"

#include "trace/binary_writer.h"
#include "trace/code_index.h"
#include "trace/diagram.h"
#include "trace/diagram_sink.h"
#include "trace/event_format.h"
#include "trace/frame_tracer.h"
#include "trace/insn_writer.h"
#include "trace/output_buffer.h"
#include "trace/trace_output.h"

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
  command->add_option("--format", options->format,
                      "trace format: text, jsonl, chrome, or binary (--trace=calls to a file, for goemu render)")
      ->check(CLI::IsMember({"text", "jsonl", "chrome", "binary"}));
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
    if (options.format == "chrome" || options.format == "binary") {
      *error = "--diagrams-at needs --format text or jsonl";
      return nullptr;
    }
    diagram_point = parsed.point;
  }
  const bool binary = options.format == "binary";
  if (binary && options.mode != "calls") {
    *error = "--format binary records frame events: it needs --trace=calls";
    return nullptr;
  }
  if (binary && options.out.empty()) {
    *error = "--format binary needs --trace-out FILE (goemu render FILE turns it into text)";
    return nullptr;
  }
  if (const isa::ImageSymbol* g0 = image.FindSymbol("runtime.g0"); g0 != nullptr && layout.g0_addr == 0) {
    layout.g0_addr = g0->addr;
  }
  if (const isa::ImageSymbol* allgs = image.FindSymbol("runtime.allgs"); allgs != nullptr && layout.allgs_addr == 0) {
    layout.allgs_addr = allgs->addr;
  }
  auto impl = std::unique_ptr<Impl>(new Impl(machine, image, std::move(layout)));
  impl->path = options.out;
  impl->out = OpenTraceOutput(options.out, error);
  if (impl->out == nullptr) return nullptr;
  const bool json = options.format == "jsonl";
  BinaryWriter* plain = nullptr;
  if (options.mode.empty()) {
    // Diagrams only: no event lines.
  } else if (binary) {
    auto writer = std::make_unique<BinaryWriter>(image, options.program_files, *impl->out);
    plain = writer.get();
    impl->writer = std::move(writer);
  } else {
    impl->writer = MakeEventWriter(options.format, impl->code, *impl->out);
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
  impl->tracer->set_plain_sink(plain);
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

std::string TraceSession::WriteError() const { return TraceWriteError(*impl_->out, impl_->path); }

bool TraceSession::broken() const { return impl_->out->broken(); }

}  // namespace goemu::trace
