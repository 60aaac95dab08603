#include "tests/debugger/script_harness.h"

#include <regex>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "debugger/line_reader.h"
#include "debugger/repl.h"
#include "debugger/session.h"
#include "runtime_model/program.h"

namespace goemu::debugger::testing {
namespace {

constexpr std::string_view kSourceDir = GOEMU_SOURCE_DIR "/";
constexpr uint64_t kFirstAddress = 0x400000;

std::vector<Block> SplitBlocks(const std::string& text) {
  std::vector<Block> blocks(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(kPrompt)) {
      blocks.push_back(Block{line.substr(std::string_view(kPrompt).size()), {}});
    } else {
      blocks.back().lines.push_back(line);
    }
  }
  return blocks;
}

}  // namespace

Transcript RunScript(std::string_view program, std::string_view script) {
  rt::BuildResult built = rt::BuildProgram({fmt::format("{}programs/{}", kSourceDir, program)});
  REQUIRE(built.ok());
  Transcript t;
  std::string error;
  auto session = Session::Create(
      std::move(built.image), [&t](int, std::string_view bytes) { t.text.append(bytes); },
      {std::string(program)}, &error);
  REQUIRE(session != nullptr);
  std::istringstream in{std::string(script)};
  auto reader = StreamReader(in);
  RunRepl(*session, *reader, [&t](std::string_view text) { t.text.append(text); }, true);
  // Paths are reported as given; the tests name programs from the source tree.
  for (size_t at = t.text.find(kSourceDir); at != std::string::npos; at = t.text.find(kSourceDir, at)) {
    t.text.erase(at, kSourceDir.size());
  }
  t.blocks = SplitBlocks(t.text);
  return t;
}

std::string Normalize(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size();) {
    if (line.substr(i, 2) == "0x") {
      size_t end = i + 2;
      while (end < line.size() && std::isxdigit(static_cast<unsigned char>(line[end]))) ++end;
      const uint64_t value = end > i + 2 ? std::stoull(std::string(line.substr(i + 2, end - i - 2)), nullptr, 16) : 0;
      out += value >= kFirstAddress ? "ADDR" : std::string(line.substr(i, end - i));
      i = end;
    } else {
      out += line[i++];
    }
  }
  static const std::regex runtime_offset(R"((runtime\.[A-Za-z0-9_.]+)\+\d+)");
  static const std::regex runtime_line(R"((runtime_model/asm/[a-z0-9_]+\.s):\d+)");
  static const std::regex step(R"(\[step \d+\])");
  out = std::regex_replace(out, runtime_offset, "$1+N");
  out = std::regex_replace(out, runtime_line, "$1:N");
  return std::regex_replace(out, step, "[step N]");
}

std::vector<std::string> Normalize(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) out.push_back(Normalize(line));
  return out;
}

uint64_t StepOf(std::string_view line) {
  REQUIRE(line.starts_with("[step "));
  return std::stoull(std::string(line.substr(6)));
}

}  // namespace goemu::debugger::testing
