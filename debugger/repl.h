// The stepper's read-eval-print loop: read a line, parse it (command.h), run it against the
// session, print the reply. A blank line repeats the last stepping command; errors are one
// line and the loop goes on; `quit` or the end of input ends it.
#pragma once
#include <functional>
#include <string_view>

#include "debugger/command.h"
#include "debugger/line_reader.h"
#include "debugger/session.h"

namespace goemu::debugger {

inline constexpr const char* kPrompt = "(goemu) ";

// Runs one parsed command; `out` gets what must appear before the guest runs.
Reply Execute(Session& session, const Command& command, const Output& out);

// echo: print each command after the prompt, so a transcript of a script reads like a
// terminal session (the terminal reader shows what is typed itself).
void RunRepl(Session& session, LineReader& reader, const Output& out, bool echo);

}  // namespace goemu::debugger
