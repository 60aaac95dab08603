#include "tests/program_list.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

namespace goemu::test {

namespace fs = std::filesystem;

std::vector<std::string> ProgramNames() {
  std::vector<std::string> names;
  for (const char* sub : {"", "faults/"}) {
    const fs::path dir = fs::path(GOEMU_SOURCE_DIR) / "programs" / sub;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".s") names.push_back(sub + entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> RunFlags(const std::string& source) {
  static const std::regex kFlags(R"(// Run flags: ([^\n]*))");
  std::smatch match;
  std::vector<std::string> flags;
  if (!std::regex_search(source, match, kFlags)) return flags;
  std::istringstream words(match[1].str());
  for (std::string word; words >> word;) flags.push_back(word);
  return flags;
}

}  // namespace goemu::test
