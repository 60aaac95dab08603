// Wiring for commands that run a program: the --trace/--format/--trace-out flags and a
// session that owns the code index, output, writer and tracer for one run. The runtime's
// struct offsets come from RuntimeLayout (go1.13 defaults); runtime.g0 is found by name.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "trace/runtime_view.h"

namespace goemu::trace {

struct TraceOptions {
  std::string mode;              // "" (off), "calls", "insns"
  std::string format = "text";   // text | jsonl | chrome | binary
  std::string out;               // file; "" = standard output
  std::string diagrams_at;       // "" (off) or an event point: draw every (or the n-th) such event
  // Not a flag: the program's files as given, which a binary trace records for goemu render.
  std::vector<std::string> program_files;
};

// Adds --trace[=calls|insns], --format, --trace-out and --diagrams-at to a subcommand.
void AddTraceOptions(CLI::App* command, TraceOptions* options);

class TraceSession {
 public:
  // Attaches a tracer to the machine (and wraps its syscall handler) when options.mode or
  // options.diagrams_at is set; returns nullptr when both are off or, with *error set, when
  // it cannot start. Diagrams go to the trace output: as text blocks, or in jsonl as
  // {"event":"diagram","text":...} lines.
  static std::unique_ptr<TraceSession> Attach(const TraceOptions& options, const isa::Image& image,
                                              emu::Machine& machine, RuntimeLayout layout, std::string* error);
  ~TraceSession();
  // Emits the exit or fault event and flushes.
  void Finish(const emu::RunResult& result);
  // The trace's reader went away (e.g. `| head`).
  bool broken() const;
  // After Finish: why the trace could not be written in full (a full disk, an I/O error),
  // or "" when it was. A reader that went away is no error.
  std::string WriteError() const;

 private:
  struct Impl;
  explicit TraceSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace goemu::trace
