// goemu frames: assembles and boots a program as `goemu run` does, runs it to a chosen moment
// (--at: a step number, SYMBOL[+off], or EVENT[#n]) and draws every stack's frames there:
// ASCII on stdout, and with --svg the same picture as an SVG file. The guest's own output is
// discarded, so stdout holds the diagram alone.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/runtime_layout.h"
#include "runtime_model/process.h"
#include "runtime_model/program.h"
#include "trace/diagram.h"
#include "trace/diagram_sink.h"
#include "trace/diagram_svg.h"
#include "trace/frame_tracer.h"
#include "trace/stop_point.h"

namespace goemu::cli {
namespace {

struct FramesFlags {
  std::vector<std::string> files;
  std::vector<std::string> args;
  std::string at;
  std::string svg;
  uint64_t max_steps = rt::kDefaultMaxSteps;
  size_t max_frames = 16;
  bool current_only = false;
};

// Event points are found by the tracer while the program runs; the run goes in slices so
// it can stop soon after the picture is taken.
constexpr uint64_t kSlice = 1 << 16;

struct Snapshot {
  trace::MachineDiagram diagram;
  std::string moment;  // "retaddr-rewrite#1 at runtime.jmpdefer+29" ...
};

std::string EndOfRun(const emu::RunResult& r) {
  switch (r.reason) {
    case emu::StopReason::kExit: return fmt::format("exited with status {}", r.exit_code);
    case emu::StopReason::kFault: return "faulted";
    case emu::StopReason::kMaxSteps: return "ran out of --max-steps";
    case emu::StopReason::kEnd: break;
  }
  return "stopped";
}

// Runs to an event point with the frame tracer attached; nullopt + *error when the program
// ends first.
std::optional<Snapshot> RunToEvent(rt::GuestProcess& process, const trace::StopPoint& point,
                                   const FramesFlags& flags, const trace::DiagramOptions& options, std::string* error) {
  emu::Machine& machine = process.machine();
  const trace::CodeIndex code(process.image());
  const trace::RuntimeView view(ModelRuntimeLayout(process.image()));
  std::optional<Snapshot> snapshot;
  trace::DiagramSink sink(code, view, point, options,
                          [&](const trace::MachineDiagram& d, const trace::Event& e, uint64_t nth) {
                            snapshot = Snapshot{d, fmt::format("{}#{}, after {} ({})", trace::EventName(e.kind), nth,
                                                               code.Symbolize(e.pc), trace::InsnText(code, e.pc))};
                          },
                          nullptr);
  trace::FrameTracer tracer(code, view, machine.memory(), sink);
  tracer.Start(machine);
  trace::TracingSyscallHandler syscalls(tracer, machine.syscall_handler());
  machine.SetSyscallHandler(&syscalls);
  machine.SetObserver(&tracer);
  emu::RunResult last{emu::StopReason::kMaxSteps};
  uint64_t steps = 0;
  while (!snapshot && steps < flags.max_steps) {
    last = process.Run(std::min(kSlice, flags.max_steps - steps));
    steps += last.steps;
    if (last.reason != emu::StopReason::kMaxSteps) break;
  }
  machine.SetObserver(nullptr);
  machine.SetSyscallHandler(syscalls.inner());
  if (!snapshot) *error = fmt::format("the program {} at step {} before {}", EndOfRun(last), machine.retired(), flags.at);
  return snapshot;
}

std::optional<Snapshot> RunToPoint(rt::GuestProcess& process, const trace::StopPoint& point, const FramesFlags& flags,
                                   const trace::DiagramOptions& options, std::string* error) {
  if (point.kind == trace::StopPoint::Kind::kEvent) return RunToEvent(process, point, flags, options, error);
  emu::Machine& machine = process.machine();
  emu::RunResult result{emu::StopReason::kMaxSteps};
  if (point.kind == trace::StopPoint::Kind::kStep) {
    result = process.Run(point.step);
    if (machine.retired() != point.step) {
      *error = fmt::format("the program {} at step {} before step {}", EndOfRun(result), machine.retired(), point.step);
      return std::nullopt;
    }
  } else {
    // Run (not GuestProcess::Run): the stop address must be honoured; a fault on the way ends it.
    result = machine.Run({.max_steps = flags.max_steps, .stop_at = point.address});
    if (result.reason != emu::StopReason::kEnd) {
      *error = fmt::format("the program {} at step {} before reaching {}", EndOfRun(result), machine.retired(), flags.at);
      return std::nullopt;
    }
  }
  const trace::CodeIndex code(process.image());
  const trace::RuntimeView view(ModelRuntimeLayout(process.image()));
  return Snapshot{trace::BuildDiagram(code, view, machine, options), flags.at};
}

int DrawFrames(const FramesFlags& flags) {
  rt::BuildResult built = rt::BuildProgram(flags.files);
  if (!built.ok()) {
    for (const isa::Diagnostic& d : built.diagnostics) std::fputs(d.Format().c_str(), stderr);
    return kExitInputError;
  }
  rt::GuestProcess process(std::move(built.image), [](int, std::string_view) {});
  const trace::ParsedStopPoint point = trace::ParseStopPoint(flags.at, process.image());
  if (!point.point) {
    fmt::print(stderr, "goemu frames: --at {}\n", point.error);
    return kExitUsage;
  }
  rt::BootOptions boot;
  boot.argv.push_back(flags.files.front());
  boot.argv.insert(boot.argv.end(), flags.args.begin(), flags.args.end());
  if (rt::BootResult booted = process.Boot(boot); !booted.ok()) {
    fmt::print(stderr, "goemu frames: boot: {}\n", booted.error);
    return kExitInputError;
  }
  trace::DiagramOptions options;
  options.max_frames = flags.max_frames;
  options.all_stacks = !flags.current_only;
  std::string error;
  const std::optional<Snapshot> snapshot = RunToPoint(process, *point.point, flags, options, &error);
  if (!snapshot) {
    fmt::print(stderr, "goemu frames: {}\n", error);
    return kExitInputError;
  }
  fmt::print("at {}\n{}", snapshot->moment, trace::RenderAscii(snapshot->diagram));
  if (!flags.svg.empty()) {
    std::ofstream svg(flags.svg, std::ios::binary | std::ios::trunc);
    svg << trace::RenderSvg(snapshot->diagram);
    if (!svg.flush()) {
      fmt::print(stderr, "goemu frames: cannot write {}\n", flags.svg);
      return kExitInputError;
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterFrames(CLI::App& app, CommandRunner& runner) {
  auto flags = std::make_shared<FramesFlags>();
  auto* cmd = app.add_subcommand("frames", "run a program to a chosen moment and draw the frames of every stack");
  cmd->add_option("files", flags->files, "the program's .s files (package main, defines main·main)")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--at", flags->at,
                  "when: a step number, SYMBOL or SYMBOL+off (before it runs), or an event such as "
                  "retaddr-rewrite#2 (right after it)")
      ->required();
  cmd->add_option("--svg", flags->svg, "also write the picture as SVG to this file");
  cmd->add_option("--args", flags->args, "arguments after argv[0] (the first file's path)");
  cmd->add_option("--max-steps", flags->max_steps, "give up after this many instructions");
  cmd->add_option("--max-frames", flags->max_frames, "innermost frames drawn per stack (default 16)");
  cmd->add_flag("--current-only", flags->current_only, "draw only the stack SP is on");
  cmd->callback([&runner, flags] { runner = [flags] { return DrawFrames(*flags); }; });
}

}  // namespace goemu::cli
