// goemu exec: the instruction playground (written next).
#include "cli/commands.h"

namespace goemu::cli {
void RegisterExec(CLI::App& app, CommandRunner& runner) {
  auto* cmd = app.add_subcommand("exec", "run raw machine code from a given register state");
  cmd->callback([&runner] { runner = [] { return kExitUsage; }; });
}
}  // namespace goemu::cli
