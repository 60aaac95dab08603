// goemu: the command-line entry point. Parses the subcommand and hands over.
#include <fmt/format.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"goemu: an x86-64 emulator of Go runtime semantics"};
  app.require_subcommand(1);
  goemu::cli::CommandRunner runner;
  goemu::cli::RegisterExec(app, runner);
  goemu::cli::RegisterAsm(app, runner);
  goemu::cli::RegisterRun(app, runner);
  goemu::cli::RegisterStep(app, runner);
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
