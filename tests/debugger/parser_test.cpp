// The command parser alone: every command, aliases, locations, and the one-line errors.
#include <random>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "debugger/command.h"

namespace goemu::debugger {
namespace {

Command Parse(std::string_view line) {
  auto parsed = ParseCommand(line);
  if (auto* error = std::get_if<ParseError>(&parsed)) FAIL(fmt::format("\"{}\": {}", line, error->message));
  return std::get<Command>(parsed);
}

std::string ErrorOf(std::string_view line) {
  auto parsed = ParseCommand(line);
  REQUIRE(std::holds_alternative<ParseError>(parsed));
  return std::get<ParseError>(parsed).message;
}

TEST_CASE("stepping commands and their counts", "[debugger][parser]") {
  CHECK(Parse("stepi").kind == CommandKind::kStepi);
  CHECK(Parse("stepi").count == 1);
  CHECK(Parse("  stepi   25 ").count == 25);
  CHECK(Parse("si 0x10").count == 16);
  CHECK(Parse("next").kind == CommandKind::kNext);
  CHECK(Parse("n").kind == CommandKind::kNext);
  CHECK(Parse("finish").kind == CommandKind::kFinish);
  CHECK(Parse("continue").kind == CommandKind::kContinue);
  CHECK(Parse("c").kind == CommandKind::kContinue);
  CHECK(Parse("c").steps());
  CHECK_FALSE(Parse("bt").steps());
  CHECK(ErrorOf("stepi 0") == "stepi: bad count \"0\": want a number from 1 to 18446744073709551615");
  CHECK(ErrorOf("stepi -1") == "stepi: bad count \"-1\": want a number from 1 to 18446744073709551615");
  CHECK(ErrorOf("stepi 99999999999999999999") ==
        "stepi: bad count \"99999999999999999999\": want a number from 1 to 18446744073709551615");
  CHECK(ErrorOf("stepi 1 2") == "stepi: too many arguments (usage: stepi [N])");
  CHECK(ErrorOf("next 3") == "next: too many arguments (usage: next)");
}

TEST_CASE("break locations: symbols, offsets, addresses, file:line", "[debugger][parser]") {
  Command c = Parse("break runtime·jmpdefer");
  CHECK(c.kind == CommandKind::kBreak);
  CHECK(c.location.kind == Location::Kind::kSymbol);
  CHECK(c.location.name == "runtime.jmpdefer");
  CHECK(c.location.offset == 0);
  c = Parse("b main.main+29");
  CHECK(c.location.name == "main.main");
  CHECK(c.location.offset == 29);
  c = Parse("break main·main·func1+0x5");
  CHECK(c.location.name == "main.main.func1");
  CHECK(c.location.offset == 5);
  c = Parse("break 0x401abc");
  CHECK(c.location.kind == Location::Kind::kAddress);
  CHECK(c.location.addr == 0x401abc);
  c = Parse("break 4198400");
  CHECK(c.location.addr == 4198400);
  c = Parse("break programs/defer.s:109");
  CHECK(c.location.kind == Location::Kind::kFileLine);
  CHECK(c.location.name == "programs/defer.s");
  CHECK(c.location.line == 109);
  CHECK(ErrorOf("break") == "break: missing location (usage: break SYMBOL[+OFF]|ADDR|FILE:LINE)");
  CHECK(ErrorOf("break defer.s:0") == "break: bad file:line \"defer.s:0\"");
  CHECK(ErrorOf("break :12") == "break: bad file:line \":12\"");
  CHECK(ErrorOf("break 0x40zz") == "break: bad address \"0x40zz\"");
  CHECK(ErrorOf("break main.main+x") == "break: bad offset in \"main.main+x\"");
  CHECK(ErrorOf("break sp") == "break: a register is not a code location");
}

TEST_CASE("x: registers in both spellings, Go's OFF(REG), symbols, counts", "[debugger][parser]") {
  Command c = Parse("x sp");
  CHECK(c.kind == CommandKind::kExamine);
  CHECK(c.location.kind == Location::Kind::kRegister);
  CHECK(c.location.name == "sp");
  CHECK(c.count == 4);
  c = Parse("x RSP 8");
  CHECK(c.location.name == "rsp");
  CHECK(c.count == 8);
  c = Parse("x 8(SP) 2");
  CHECK(c.location.kind == Location::Kind::kRegister);
  CHECK(c.location.name == "sp");
  CHECK(c.location.offset == 8);
  c = Parse("x sp-16");
  CHECK(c.location.offset == -16);
  c = Parse("x runtime·m0+136");
  CHECK(c.location.kind == Location::Kind::kSymbol);
  CHECK(c.location.name == "runtime.m0");
  CHECK(c.location.offset == 136);
  CHECK(ErrorOf("x sp 0") == "x: bad count \"0\": want a number from 1 to 4096");
  CHECK(ErrorOf("x sp 4097") == "x: bad count \"4097\": want a number from 1 to 4096");
  CHECK(ErrorOf("x 8(QQ)") == "x: bad location \"8(QQ)\"");
  CHECK(ErrorOf("x defer.s:3") == "x: file:line is not a data address");
}

TEST_CASE("break-on takes exactly the tracer's event names", "[debugger][parser]") {
  const std::pair<std::string_view, trace::EventKind> kinds[] = {
      {"call", trace::EventKind::kCall},
      {"return", trace::EventKind::kReturn},
      {"tail-jump", trace::EventKind::kTailJump},
      {"stack-switch", trace::EventKind::kStackSwitch},
      {"g-switch", trace::EventKind::kGSwitch},
      {"retaddr-rewrite", trace::EventKind::kRetaddrRewrite},
      {"stack-grow", trace::EventKind::kStackGrow},
      {"syscall", trace::EventKind::kSyscall},
      {"fault", trace::EventKind::kFault},
      {"exit", trace::EventKind::kExit},
  };
  for (auto [name, kind] : kinds) {
    const Command c = Parse(fmt::format("break-on {}", name));
    CHECK(c.kind == CommandKind::kBreakOn);
    CHECK(c.event == kind);
  }
  CHECK(ErrorOf("break-on calls").starts_with("break-on: unknown event \"calls\" (call, return,"));
  CHECK(ErrorOf("break-on") == "break-on: missing event (usage: break-on EVENT)");
}

TEST_CASE("delete, inspection commands, quit and unknown words", "[debugger][parser]") {
  CHECK_FALSE(Parse("delete").number.has_value());
  CHECK(Parse("delete 3").number == 3u);
  CHECK(ErrorOf("delete 0") == "delete: bad breakpoint number \"0\"");
  CHECK(ErrorOf("delete one") == "delete: bad breakpoint number \"one\"");
  const std::pair<std::string_view, CommandKind> plain[] = {
      {"bt", CommandKind::kBt},         {"stacks", CommandKind::kStacks}, {"frames", CommandKind::kFrames},
      {"regs", CommandKind::kRegs},     {"g", CommandKind::kG},           {"m", CommandKind::kM},
      {"defers", CommandKind::kDefers}, {"list", CommandKind::kList},     {"disas", CommandKind::kDisas},
      {"step-count", CommandKind::kStepCount}, {"quit", CommandKind::kQuit}, {"q", CommandKind::kQuit},
      {"help", CommandKind::kHelp}};
  for (auto [word, kind] : plain) CHECK(Parse(word).kind == kind);
  CHECK(ErrorOf("regs rax") == "regs: too many arguments (usage: regs)");
  CHECK(ErrorOf("stepp") == "unknown command \"stepp\" (try help)");
  CHECK(ErrorOf("STEPI") == "unknown command \"STEPI\" (try help)");
  CHECK(IsBlank(" \t "));
  CHECK_FALSE(IsBlank(" c "));
}

TEST_CASE("random text never crashes the parser and errors stay one line", "[debugger][parser]") {
  std::mt19937 rng(1234);
  const std::string alphabet = "stepinxbrakd-0123456789:+()$SPspx \t\xC2\xB7.";
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    const int len = static_cast<int>(rng() % 24);
    for (int k = 0; k < len; ++k) line += alphabet[rng() % alphabet.size()];
    auto parsed = ParseCommand(line);
    if (auto* error = std::get_if<ParseError>(&parsed)) {
      REQUIRE_FALSE(error->message.empty());
      REQUIRE(error->message.find('\n') == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace goemu::debugger
