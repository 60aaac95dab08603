// The stepper's command language, parsed without touching a machine: text in, a typed
// Command (or a one-line error) out. Nothing here resolves symbols or reads memory, so the
// parser can be fed arbitrary text (a fuzzing target) and execution stays in session.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "trace/event.h"

namespace goemu::debugger {

enum class CommandKind : uint8_t {
  kStepi,      // stepi [N]
  kNext,       // next: stepi, but a CALL runs until its frame is gone
  kFinish,     // run until the innermost frame is gone
  kContinue,   // run until a breakpoint, an event break, exit or fault
  kBreak,      // break SYMBOL[+OFF] | ADDR | file:line
  kBreakOn,    // break-on EVENT
  kDelete,     // delete [N]
  kBt,         // frames of the stack SP is on
  kStacks,     // every known stack with its owner, bounds and frames
  kFrames,     // the frame diagram of the current stack
  kRegs,
  kExamine,    // x ADDR [N]
  kG,
  kM,
  kDefers,
  kList,
  kDisas,
  kStepCount,
  kHelp,
  kQuit,
};

// Where a breakpoint or an `x` points, as written; resolved against the image and the
// registers only when the command runs.
struct Location {
  enum class Kind : uint8_t { kAddress, kRegister, kSymbol, kFileLine };
  Kind kind = Kind::kAddress;
  uint64_t addr = 0;   // kAddress
  std::string name;    // register (lower case, "rsp" or Go's "sp"), symbol (Go's "·" as "."), or file
  int64_t offset = 0;  // kSymbol / kRegister: "+OFF" or "-OFF"
  int line = 0;        // kFileLine
};

struct Command {
  CommandKind kind = CommandKind::kHelp;
  uint64_t count = 1;                 // stepi N, x ADDR N
  std::optional<uint32_t> number;     // delete N (none: all)
  Location location;                  // break, x
  trace::EventKind event = trace::EventKind::kCall;  // break-on
  bool steps() const {
    return kind == CommandKind::kStepi || kind == CommandKind::kNext || kind == CommandKind::kFinish ||
           kind == CommandKind::kContinue;
  }
};

struct ParseError {
  std::string message;  // one line, no trailing newline
};

// Parses one line. A blank line is no command (an error here); the REPL checks IsBlank
// first, because there it means "repeat the last stepping command".
std::variant<Command, ParseError> ParseCommand(std::string_view line);
bool IsBlank(std::string_view line);

// A location alone ("main.main+29", "0x401000", "sp+8", "8(SP)", "defer.s:27").
std::variant<Location, ParseError> ParseLocation(std::string_view text);

// The command names and one-line descriptions, for `help`.
std::string HelpText();

}  // namespace goemu::debugger
