// docs/errors.md must list every message the assembler and the asm/exec commands can print.
// The messages are read from the sources themselves: the first string literal of each
// Error(...)/Bad(...) call, `error = ...` assignment and fmt::print(stderr, ...) — the format
// string when there is a fmt::format — with adjacent literals joined and escapes undone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace goemu::test {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads the C++ string literal(s) starting at text[i] == '"', joining "a" "b" across whitespace.
std::string ReadLiterals(const std::string& text, size_t i) {
  std::string out;
  while (i < text.size() && text[i] == '"') {
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        ++i;
        out += text[i] == 'n' ? '\n' : text[i] == 't' ? '\t' : text[i];
      } else {
        out += text[i];
      }
    }
    ++i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  }
  return out;
}

// The message templates in one source file.
std::vector<std::string> MessagesIn(const std::string& text) {
  std::vector<std::string> out;
  for (const char* trigger : {"Error(", "error(", "Bad(", "error = ", "fmt::print(stderr, "}) {
    for (size_t at = text.find(trigger); at != std::string::npos; at = text.find(trigger, at + 1)) {
      const size_t end = text.find(';', at);
      size_t format = text.find("fmt::format(", at);
      size_t quote = text.find('"', format < end ? format : at);
      if (quote >= end) continue;  // the message is a variable passed through
      std::string message = ReadLiterals(text, quote);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      out.push_back(message);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("docs/errors.md lists every diagnostic template of isa/ and the asm and exec commands", "[catalogue]") {
  const fs::path root = GOEMU_SOURCE_DIR;
  const std::string catalogue = Slurp(root / "docs/errors.md");
  REQUIRE_FALSE(catalogue.empty());
  std::vector<fs::path> sources = {root / "cli/cmd_asm.cpp", root / "cli/cmd_exec.cpp"};
  for (const auto& entry : fs::directory_iterator(root / "isa")) {
    if (entry.path().extension() == ".cpp") sources.push_back(entry.path());
  }
  int found = 0;
  for (const fs::path& source : sources) {
    for (const std::string& message : MessagesIn(Slurp(source))) {
      CAPTURE(source.filename().string(), message);
      CHECK(catalogue.find(message) != std::string::npos);
      ++found;
    }
  }
  CHECK(found >= 80);  // the extraction itself still works
}

}  // namespace goemu::test
