// goemu_rtgen OUTDIR: writes the generated runtime files the build and the asm checks use:
// go_asm.h, textflag.h and runtime_messages.s. A file is rewritten only when its text changed,
// so dependents are not rebuilt needlessly.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "runtime_model/go_asm_h.h"
#include "runtime_model/messages.h"

namespace {

bool WriteIfChanged(const std::filesystem::path& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream old;
    old << in.rdbuf();
    if (old.str() == text) return true;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: goemu_rtgen OUTDIR\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::pair<const char*, std::string> files[] = {
      {"go_asm.h", goemu::rt::GoAsmHeader()},
      {"textflag.h", goemu::rt::TextflagHeader()},
      {"runtime_messages.s", goemu::rt::RuntimeMessagesAsm()},
  };
  for (const auto& [name, text] : files) {
    if (!WriteIfChanged(dir / name, text)) {
      fmt::print(stderr, "goemu_rtgen: cannot write {}\n", (dir / name).string());
      return 1;
    }
  }
  return 0;
}
