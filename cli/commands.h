// Each goemu subcommand registers itself on the CLI11 app from its own file
// (cmd_exec.cpp, cmd_asm.cpp, ...). Only the CLI wires the libraries together.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace goemu::cli {

// Exit statuses shared by every subcommand (documented in docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;   // bad assembly, bad --hex, ...
inline constexpr int kExitUsage = 2;        // bad flags (CLI11 parse errors)
inline constexpr int kExitGuestFault = 3;   // the guest faulted (exec playground)
inline constexpr int kExitMaxSteps = 4;     // the guest ran out of --max-steps
inline constexpr int kExitReaderGone = 141;  // the trace's reader went away (128 + SIGPIPE)

// A registered subcommand: its CLI11 node plus what runs when it is chosen.
// Run returns the process exit status.
using CommandRunner = std::function<int()>;

void RegisterExec(CLI::App& app, CommandRunner& runner);
void RegisterAsm(CLI::App& app, CommandRunner& runner);
void RegisterRun(CLI::App& app, CommandRunner& runner);
void RegisterStep(CLI::App& app, CommandRunner& runner);
void RegisterFrames(CLI::App& app, CommandRunner& runner);
void RegisterRender(CLI::App& app, CommandRunner& runner);

}  // namespace goemu::cli
