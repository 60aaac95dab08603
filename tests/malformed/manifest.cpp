#include "tests/malformed/manifest.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace goemu::test {
namespace {

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

Manifest ReadManifest(const std::string& path) {
  std::ifstream in(path);
  Manifest m;
  MalformedCase* current = nullptr;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("== ")) {
      m.cases.push_back(MalformedCase{line.substr(3), {}, -1, ""});
      current = &m.cases.back();
    } else if (!current) {
      m.preamble += line + "\n";
    } else if (line.starts_with("args: ") && current->args.empty()) {
      current->args = SplitWords(line.substr(6));
    } else if (line.starts_with("status: ") && current->status < 0) {
      current->status = std::stoi(line.substr(8));
    } else {
      current->err += line + "\n";
    }
  }
  return m;
}

void WriteManifest(const std::string& path, const Manifest& manifest) {
  std::string text = manifest.preamble;
  for (const MalformedCase& c : manifest.cases) {
    std::string args;
    for (const std::string& a : c.args) args += (args.empty() ? "" : " ") + a;
    text += fmt::format("== {}\nargs: {}\nstatus: {}\n{}", c.name, args, c.status, c.err);
  }
  std::ofstream(path) << text;
}

}  // namespace goemu::test
