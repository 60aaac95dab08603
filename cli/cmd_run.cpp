// goemu run: assembles a Go-assembly program (package main) with the runtime model, boots it
// like the Linux kernel starts a process, and runs it to exit. The guest's fd 1 and fd 2 are
// the real stdout and stderr; the exit status is the guest's (2 after a throw, as in Go).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/run_stats.h"
#include "cli/runtime_layout.h"
#include "runtime_model/call_trace.h"
#include "runtime_model/guest_arena.h"
#include "runtime_model/process.h"
#include "runtime_model/program.h"
#include "trace/trace_session.h"

namespace goemu::cli {
namespace {

struct RunFlags {
  std::vector<std::string> files;
  std::vector<std::string> args;
  uint64_t max_steps = rt::kDefaultMaxSteps;
  uint64_t max_stack = 0;
  uint64_t max_memory = rt::GuestArena::kDefaultMaxMemory;
  std::string go_version = "1.13";
  bool stats = false;
  bool trace_calls = false;
  trace::TraceOptions trace;
};

// Unbuffered, so the guest's stdout and stderr interleave on a shared terminal or pipe in
// the order the guest wrote them.
void WriteHost(int fd, std::string_view bytes) {
  std::FILE* out = fd == 1 ? stdout : stderr;
  std::fwrite(bytes.data(), 1, bytes.size(), out);
  std::fflush(out);
}

// Where the guest was when it stopped, for messages: "main.main+0x1a".
std::string Where(const isa::Image& image, uint64_t pc) {
  const isa::ImageSymbol* sym = image.SymbolAt(pc);
  return sym ? fmt::format("{}+{:#x}", sym->symbol.name, pc - sym->addr) : fmt::format("{:#x}", pc);
}

int RunProgram(const RunFlags& flags) {
  const auto started = std::chrono::steady_clock::now();  // --stats' start-up begins here
  rt::BuildResult built = rt::BuildProgram(flags.files);
  if (!built.ok()) {
    for (const isa::Diagnostic& d : built.diagnostics) std::fputs(d.Format().c_str(), stderr);
    return kExitInputError;
  }
  rt::GuestProcess process(std::move(built.image), WriteHost);
  rt::BootOptions boot;
  boot.argv.push_back(flags.files.front());
  boot.argv.insert(boot.argv.end(), flags.args.begin(), flags.args.end());
  boot.max_stack_size = flags.max_stack;
  if (rt::BootResult booted = process.Boot(boot); !booted.ok()) {
    fmt::print(stderr, "goemu run: boot: {}\n", booted.error);
    return kExitInputError;
  }
  process.syscalls().services().arena().set_max_memory(flags.max_memory);
  std::unique_ptr<rt::CallTracer> tracer;
  if (flags.trace_calls) {
    tracer = std::make_unique<rt::CallTracer>(process.image(), process.syscalls(), [](const std::string& line) {
      WriteHost(2, fmt::format("[trace] {}\n", line));
    });
    process.machine().SetObserver(tracer.get());
  }
  std::string trace_error;
  trace::TraceOptions trace_options = flags.trace;
  // As given, not made absolute: the same command writes the same bytes in any directory.
  trace_options.program_files = flags.files;
  auto frame_trace =
      trace::TraceSession::Attach(trace_options, process.image(), process.machine(),
                                   ModelRuntimeLayout(process.image()), &trace_error);
  if (!trace_error.empty()) {
    fmt::print(stderr, "goemu run: {}\n", trace_error);
    return kExitInputError;
  }
  // A trace nobody reads any more (`| head` exited) or that cannot be written (a full disk)
  // is no reason to run on.
  if (frame_trace) process.SetGoOn([&frame_trace] { return !frame_trace->broken(); });
  RunStats stats;
  std::optional<double> startup_seconds;
  const emu::RunResult result = RunNotingStartup(process, flags.max_steps, started, &startup_seconds);
  if (frame_trace) frame_trace->Finish(result);
  stats.Finish(process.machine());
  if (flags.stats) {
    stats.Print(stderr);
    fmt::print(stderr, "host service calls: {}\n", process.syscalls().services().calls());
    fmt::print(stderr, "guest arena: {} bytes\n", process.syscalls().services().arena().used());
    fmt::print(stderr, "peak guest memory: {} bytes\n", process.syscalls().services().arena().peak_mapped());
    if (startup_seconds) fmt::print(stderr, "startup: {:.3f} ms\n", *startup_seconds * 1e3);
    // How often the run went back to the machine's loop between chains of linked blocks.
    fmt::print(stderr, "block chains: {}\n", process.machine().chains());
    for (auto [number, count] : process.syscalls().unimplemented()) {
      fmt::print(stderr, "unimplemented syscall {}: {} calls\n", number, count);
    }
  }
  if (frame_trace) {
    if (const std::string error = frame_trace->WriteError(); !error.empty()) {
      fmt::print(stderr, "goemu run: {}\n", error);
      return kExitInputError;
    }
    // The reader went away: end quietly with the status a shell gives a program that
    // SIGPIPE killed, as `--trace-out /dev/stdout` (written on a thread that does not
    // ignore SIGPIPE) ends too.
    if (frame_trace->broken()) return kExitReaderGone;
  }
  // GuestProcess::Run delivers every guest fault as a signal (the runtime's report, exit 2),
  // so the run ends with an exit or with the step budget spent, never with a fault.
  if (result.reason == emu::StopReason::kExit) return result.exit_code;
  fmt::print(stderr, "goemu run: stopped after --max-steps {} instructions at {} without exiting\n\n{}",
             flags.max_steps, Where(process.image(), process.machine().cpu().rip), process.Traceback());
  return kExitMaxSteps;
}

}  // namespace

void RegisterRun(CLI::App& app, CommandRunner& runner) {
  auto flags = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "assemble a program with the runtime model, boot it and run it to exit");
  cmd->add_option("files", flags->files, "the program's .s files (package main, defines main·main)")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--args", flags->args, "arguments after argv[0] (the first file's path)");
  cmd->add_option("--max-steps", flags->max_steps,
                  fmt::format("stop after this many instructions (default {})", rt::kDefaultMaxSteps));
  cmd->add_option("--max-stack", flags->max_stack,
                  "the goroutine stack limit runtime.main installs (default go1.13's 1000000000)");
  cmd->add_option("--max-memory", flags->max_memory,
                  fmt::format("cap on guest memory in bytes; past it the guest runs out of memory (default {})",
                              rt::GuestArena::kDefaultMaxMemory));
  cmd->add_option("--go", flags->go_version, "Go version whose runtime is modeled")->check(CLI::IsMember({"1.13"}));
  cmd->add_flag("--stats", flags->stats, "print instructions, wall time, MIPS and unanswered syscalls to stderr");
  cmd->add_flag("--trace-calls", flags->trace_calls,
                "print every function entered, tail call and system call to stderr, prefixed [trace]");
  trace::AddTraceOptions(cmd, &flags->trace);
  cmd->callback([&runner, flags] { runner = [flags] { return RunProgram(*flags); }; });
}

}  // namespace goemu::cli
