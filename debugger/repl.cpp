#include "debugger/repl.h"

#include <fmt/format.h>

#include "debugger/inspect.h"

namespace goemu::debugger {

Reply Execute(Session& session, const Command& command, const Output& out) {
  switch (command.kind) {
    case CommandKind::kStepi: return session.StepInstructions(command.count);
    case CommandKind::kNext: return session.Next();
    case CommandKind::kFinish: return session.Finish(out);
    case CommandKind::kContinue: return session.Continue();
    case CommandKind::kBreak: return session.AddBreakpoint(command.location);
    case CommandKind::kBreakOn: return session.AddEventBreak(command.event);
    case CommandKind::kDelete: return session.Delete(command.number);
    case CommandKind::kBt: return Backtrace(session);
    case CommandKind::kStacks: return Stacks(session);
    case CommandKind::kFrames: return Frames(session);
    case CommandKind::kRegs: return Registers(session);
    case CommandKind::kExamine: return Examine(session, command.location, command.count);
    case CommandKind::kG: return ShowG(session);
    case CommandKind::kM: return ShowM(session);
    case CommandKind::kDefers: return ShowDefers(session);
    case CommandKind::kList: return ListSource(session);
    case CommandKind::kDisas: return Disassembly(session);
    case CommandKind::kStepCount:
      return Reply{fmt::format("{} instructions retired\n", session.machine().retired()), {}};
    case CommandKind::kHelp: return Reply{HelpText(), {}};
    case CommandKind::kQuit: break;
  }
  return {};
}

void RunRepl(Session& session, LineReader& reader, const Output& print, bool echo) {
  // The guest's output may stop mid-line (print without println); the stepper's own text
  // starts on a fresh line.
  const Output out = [&session, &print](std::string_view text) {
    if (text.empty()) return;
    if (session.TakeGuestMidLine()) print("\n");
    print(text);
  };
  std::optional<Command> last_step;
  out(session.Where() + "\n");
  while (std::optional<std::string> line = reader.Read(kPrompt)) {
    if (echo) out(fmt::format("{}{}\n", kPrompt, *line));
    Command command;
    if (IsBlank(*line)) {
      if (!last_step) continue;
      command = *last_step;
    } else {
      auto parsed = ParseCommand(*line);
      if (const ParseError* error = std::get_if<ParseError>(&parsed)) {
        out(fmt::format("error: {}\n", error->message));
        continue;
      }
      command = std::get<Command>(parsed);
    }
    if (command.kind == CommandKind::kQuit) return;
    if (command.steps()) last_step = command;
    const Reply reply = Execute(session, command, out);
    out(reply.text);
    if (!reply.error.empty()) out(fmt::format("error: {}\n", reply.error));
    if (command.steps() && reply.error.empty()) out(session.Where() + "\n");
  }
  // Ctrl-D leaves the cursor after the prompt on a terminal.
  if (!echo) print("\n");
}

}  // namespace goemu::debugger
