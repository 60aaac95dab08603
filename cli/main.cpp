// goemu: the command-line entry point. Parses the subcommand and hands over.
#include <fmt/format.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"goemu: an x86-64 emulator of Go runtime semantics"};
  app.require_subcommand(1);
  // Usage errors are one line (docs/errors.md); CLI11's default adds a second.
  app.failure_message([](const CLI::App*, const CLI::Error& e) { return fmt::format("goemu: {} (see --help)\n", e.what()); });
  goemu::cli::CommandRunner runner;
  goemu::cli::RegisterExec(app, runner);
  goemu::cli::RegisterAsm(app, runner);
  goemu::cli::RegisterRun(app, runner);
  goemu::cli::RegisterStep(app, runner);
  goemu::cli::RegisterFrames(app, runner);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return goemu::cli::kExitUsage;
  }
  return runner ? runner() : goemu::cli::kExitUsage;
}
