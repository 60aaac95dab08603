// goemu step: the interactive stepper. Assembles and boots the program as `goemu run` does,
// then reads commands (debugger/command.h) from the terminal, a pipe or --script FILE until
// `quit` or the end of input. The guest's fd 1 and fd 2 are the real stdout and stderr.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "debugger/line_reader.h"
#include "debugger/repl.h"
#include "debugger/session.h"
#include "runtime_model/program.h"

namespace goemu::cli {
namespace {

struct StepFlags {
  std::vector<std::string> files;
  std::vector<std::string> args;
  std::string script;
};

// Ctrl-C stops a running command (continue into an endless loop) instead of goemu.
std::atomic<bool> g_interrupted{false};

void WriteTo(std::FILE* out, std::string_view bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), out);
  std::fflush(out);
}

int StepProgram(const StepFlags& flags) {
  rt::BuildResult built = rt::BuildProgram(flags.files);
  if (!built.ok()) {
    for (const isa::Diagnostic& d : built.diagnostics) std::fputs(d.Format().c_str(), stderr);
    return kExitInputError;
  }
  std::vector<std::string> argv = {flags.files.front()};
  argv.insert(argv.end(), flags.args.begin(), flags.args.end());
  std::string error;
  auto session = debugger::Session::Create(
      std::move(built.image), [](int fd, std::string_view bytes) { WriteTo(fd == 1 ? stdout : stderr, bytes); },
      argv, &error);
  if (session == nullptr) {
    fmt::print(stderr, "goemu step: boot: {}\n", error);
    return kExitInputError;
  }
  std::ifstream script;
  std::unique_ptr<debugger::LineReader> reader;
  if (!flags.script.empty()) {
    script.open(flags.script);
    if (!script) {
      fmt::print(stderr, "goemu step: cannot read {}\n", flags.script);
      return kExitInputError;
    }
    reader = debugger::StreamReader(script);
  } else if (isatty(STDIN_FILENO)) {
    reader = debugger::TerminalReader();
  } else {
    reader = debugger::StreamReader(std::cin);
  }
  session->SetInterruptFlag(&g_interrupted);
  std::signal(SIGINT, [](int) { g_interrupted = true; });
  debugger::RunRepl(*session, *reader, [](std::string_view text) { WriteTo(stdout, text); }, !reader->interactive());
  return kExitOk;
}

}  // namespace

void RegisterStep(CLI::App& app, CommandRunner& runner) {
  auto flags = std::make_shared<StepFlags>();
  auto* cmd = app.add_subcommand("step", "assemble and boot a program, then step through it interactively");
  cmd->add_option("files", flags->files, "the program's .s files (package main, defines main·main)")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--args", flags->args, "arguments after argv[0] (the first file's path)");
  cmd->add_option("--script", flags->script, "read commands from this file instead of standard input")
      ->check(CLI::ExistingFile);
  cmd->callback([&runner, flags] { runner = [flags] { return StepProgram(*flags); }; });
}

}  // namespace goemu::cli
