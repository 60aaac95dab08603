// goemu: the command-line entry point. Parses the subcommand and hands over.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

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
  goemu::cli::RegisterRender(app, runner);
  // CLI11 would answer a misspelt command with "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      fmt::print(stderr, "goemu: unknown command \"{}\" (commands: {}; see --help)\n", argv[1], fmt::join(names, ", "));
      return goemu::cli::kExitUsage;
    }
  }
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
