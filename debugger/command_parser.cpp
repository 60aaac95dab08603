#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "debugger/command.h"

namespace goemu::debugger {
namespace {

struct CommandSpec {
  std::string_view name;
  std::string_view alias;  // "" when none
  CommandKind kind;
  std::string_view usage;
  std::string_view help;
};

// One row per command: the REPL's vocabulary, its aliases (gdb's where they exist) and help.
constexpr std::array<CommandSpec, 20> kCommands = {{
    {"stepi", "si", CommandKind::kStepi, "stepi [N]", "execute N instructions (default 1)"},
    {"next", "n", CommandKind::kNext, "next", "one instruction; a CALL runs until the callee's frame is gone"},
    {"finish", "fin", CommandKind::kFinish, "finish", "run until the current function's frame is gone"},
    {"continue", "c", CommandKind::kContinue, "continue", "run until a breakpoint, an event break, exit or fault"},
    {"break", "b", CommandKind::kBreak, "break SYMBOL[+OFF]|ADDR|FILE:LINE", "stop before that instruction"},
    {"break-on", "", CommandKind::kBreakOn, "break-on EVENT",
     "stop right after a frame event: call, return, tail-jump, stack-switch, g-switch, retaddr-rewrite, "
     "stack-grow, syscall, fault, exit"},
    {"delete", "d", CommandKind::kDelete, "delete [N]", "delete breakpoint N, or all of them"},
    {"bt", "backtrace", CommandKind::kBt, "bt", "frames of the stack SP is on"},
    {"stacks", "", CommandKind::kStacks, "stacks", "every known stack: owner, bounds, frames"},
    {"frames", "", CommandKind::kFrames, "frames", "the frame diagram of the stack SP is on: slots, return addresses, SP/BP/FP"},
    {"regs", "", CommandKind::kRegs, "regs", "general registers, rip, flags, fs_base"},
    {"x", "", CommandKind::kExamine, "x ADDR [N]", "N memory words (default 4) at a number, register or symbol"},
    {"g", "", CommandKind::kG, "g", "the current g: goid, status, stack, stackguard0, sched, m"},
    {"m", "", CommandKind::kM, "m", "the current g's m: id, g0, curg, gsignal, p, tls"},
    {"defers", "", CommandKind::kDefers, "defers", "the current g's _defer chain"},
    {"list", "l", CommandKind::kList, "list", "source lines around pc"},
    {"disas", "", CommandKind::kDisas, "disas", "instructions around pc, the current one marked"},
    {"step-count", "", CommandKind::kStepCount, "step-count", "instructions retired so far"},
    {"help", "h", CommandKind::kHelp, "help", "this list"},
    {"quit", "q", CommandKind::kQuit, "quit", "leave (end of input does too)"},
}};

// Larger counts are typing mistakes, and the lines would flood the terminal.
constexpr uint64_t kMaxExamineWords = 4096;
constexpr uint64_t kDefaultExamineWords = 4;

// Register spellings `x` accepts: the hardware names and Go's (SP, AX, ...), lower-cased.
constexpr std::array<std::string_view, 27> kRegisterNames = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15", "rip", "ax",  "cx",  "dx",  "bx",  "sp",  "bp", "si", "di",  "pc",  "fs_base"};

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    const size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Decimal, or hexadecimal with 0x; the whole text must be the number.
std::optional<uint64_t> ParseNumber(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Go's assembly spells the package separator as U+00B7 and '/' in paths as U+2215; the
// linker names the image uses have '.' and '/'.
std::string LinkerName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name.substr(i, 2) == "\xC2\xB7") {
      out.push_back('.');
      ++i;
    } else if (name.substr(i, 3) == "\xE2\x88\x95") {
      out.push_back('/');
      i += 2;
    } else {
      out.push_back(name[i]);
    }
  }
  return out;
}

bool IsRegister(std::string_view name) {
  const std::string lower = Lower(name);
  return std::find(kRegisterNames.begin(), kRegisterNames.end(), lower) != kRegisterNames.end();
}

// "NAME", "NAME+OFF", "NAME-OFF": splits off a numeric suffix after the last sign.
std::optional<std::pair<std::string_view, int64_t>> SplitOffset(std::string_view text) {
  const size_t sign = text.find_last_of("+-");
  if (sign == std::string_view::npos || sign == 0) return std::pair{text, int64_t{0}};
  auto off = ParseNumber(text.substr(sign + 1));
  if (!off || *off > (1ull << 40)) return std::nullopt;
  const int64_t value = static_cast<int64_t>(*off);
  return std::pair{text.substr(0, sign), text[sign] == '-' ? -value : value};
}

ParseError Error(std::string message) { return ParseError{std::move(message)}; }

std::variant<Command, ParseError> WithCount(std::string_view name, Command cmd, const std::vector<std::string_view>& args,
                                            size_t at, uint64_t max) {
  if (args.size() <= at) return cmd;
  auto n = ParseNumber(args[at]);
  if (!n || *n == 0 || *n > max) {
    return Error(fmt::format("{}: bad count \"{}\": want a number from 1 to {}", name, args[at], max));
  }
  cmd.count = *n;
  return cmd;
}

std::variant<Command, ParseError> ParseArgs(const CommandSpec& spec, const std::vector<std::string_view>& args) {
  Command cmd;
  cmd.kind = spec.kind;
  const size_t max_args = spec.kind == CommandKind::kExamine ? 2
                          : spec.kind == CommandKind::kStepi || spec.kind == CommandKind::kBreak ||
                                  spec.kind == CommandKind::kBreakOn || spec.kind == CommandKind::kDelete
                              ? 1
                              : 0;
  if (args.size() > max_args) {
    return Error(fmt::format("{}: too many arguments (usage: {})", spec.name, spec.usage));
  }
  switch (spec.kind) {
    case CommandKind::kStepi:
      return WithCount(spec.name, cmd, args, 0, UINT64_MAX);
    case CommandKind::kBreak:
    case CommandKind::kExamine: {
      if (args.empty()) return Error(fmt::format("{}: missing location (usage: {})", spec.name, spec.usage));
      auto loc = ParseLocation(args[0]);
      if (auto* err = std::get_if<ParseError>(&loc)) return Error(fmt::format("{}: {}", spec.name, err->message));
      cmd.location = std::get<Location>(std::move(loc));
      if (spec.kind == CommandKind::kBreak && cmd.location.kind == Location::Kind::kRegister) {
        return Error("break: a register is not a code location");
      }
      if (spec.kind == CommandKind::kExamine) {
        if (cmd.location.kind == Location::Kind::kFileLine) return Error("x: file:line is not a data address");
        cmd.count = kDefaultExamineWords;
        return WithCount(spec.name, cmd, args, 1, kMaxExamineWords);
      }
      return cmd;
    }
    case CommandKind::kBreakOn:
      if (args.empty()) return Error("break-on: missing event (usage: break-on EVENT)");
      for (int k = 0; k < trace::kEventKindCount; ++k) {
        if (trace::EventName(static_cast<trace::EventKind>(k)) == args[0]) {
          cmd.event = static_cast<trace::EventKind>(k);
          return cmd;
        }
      }
      return Error(fmt::format(
          "break-on: unknown event \"{}\" (call, return, tail-jump, stack-switch, g-switch, retaddr-rewrite, "
          "stack-grow, syscall, fault, exit)",
          args[0]));
    case CommandKind::kDelete:
      if (!args.empty()) {
        auto n = ParseNumber(args[0]);
        if (!n || *n == 0 || *n > UINT32_MAX) return Error(fmt::format("delete: bad breakpoint number \"{}\"", args[0]));
        cmd.number = static_cast<uint32_t>(*n);
      }
      return cmd;
    default:
      return cmd;
  }
}

}  // namespace

bool IsBlank(std::string_view line) { return Split(line).empty(); }

std::variant<Location, ParseError> ParseLocation(std::string_view text) {
  Location loc;
  if (text.empty()) return Error("empty location");
  if (std::isdigit(static_cast<unsigned char>(text[0]))) {
    // Go's OFF(REG) form, as in 8(SP).
    if (const size_t open = text.find('('); open != std::string_view::npos && text.back() == ')') {
      auto off = ParseNumber(text.substr(0, open));
      const std::string_view reg = text.substr(open + 1, text.size() - open - 2);
      if (!off || *off > (1ull << 40) || !IsRegister(reg)) return Error(fmt::format("bad location \"{}\"", text));
      return Location{Location::Kind::kRegister, 0, Lower(reg), static_cast<int64_t>(*off), 0};
    }
    auto addr = ParseNumber(text);
    if (!addr) return Error(fmt::format("bad address \"{}\"", text));
    loc.addr = *addr;
    return loc;
  }
  if (const size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    auto line = ParseNumber(text.substr(colon + 1));
    if (colon == 0 || !line || *line == 0 || *line > INT32_MAX) {
      return Error(fmt::format("bad file:line \"{}\"", text));
    }
    return Location{Location::Kind::kFileLine, 0, std::string(text.substr(0, colon)), 0, static_cast<int>(*line)};
  }
  auto split = SplitOffset(text);
  if (!split || split->first.empty()) return Error(fmt::format("bad offset in \"{}\"", text));
  if (IsRegister(split->first)) return Location{Location::Kind::kRegister, 0, Lower(split->first), split->second, 0};
  return Location{Location::Kind::kSymbol, 0, LinkerName(split->first), split->second, 0};
}

std::variant<Command, ParseError> ParseCommand(std::string_view line) {
  const std::vector<std::string_view> words = Split(line);
  if (words.empty()) return Error("empty command");
  for (const CommandSpec& spec : kCommands) {
    if (words[0] == spec.name || (!spec.alias.empty() && words[0] == spec.alias)) {
      return ParseArgs(spec, std::vector<std::string_view>(words.begin() + 1, words.end()));
    }
  }
  return Error(fmt::format("unknown command \"{}\" (try help)", words[0]));
}

std::string HelpText() {
  std::string out;
  for (const CommandSpec& spec : kCommands) {
    const std::string alias = spec.alias.empty() ? "" : fmt::format(" ({})", spec.alias);
    out += fmt::format("  {:<40} {}\n", fmt::format("{}{}", spec.usage, alias), spec.help);
  }
  out += "  an empty line repeats the last stepi/next/finish/continue\n";
  return out;
}

}  // namespace goemu::debugger
