#include "emulator/cpu_state.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace goemu::emu {

namespace {
constexpr std::array<std::string_view, kGprCount> kGprNames = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
}  // namespace

std::string_view GprName(Gpr reg) { return kGprNames[reg]; }

std::optional<Gpr> ParseGprName(std::string_view name) {
  const std::string lower = Lower(name);
  for (size_t i = 0; i < kGprNames.size(); ++i) {
    if (kGprNames[i] == lower) return static_cast<Gpr>(i);
  }
  return std::nullopt;
}

bool SetNamedRegister(CpuState& cpu, std::string_view name, uint64_t value) {
  if (auto reg = ParseGprName(name)) {
    cpu.gpr[*reg] = value;
    return true;
  }
  const std::string lower = Lower(name);
  if (lower == "rip") cpu.rip = value;
  else if (lower == "rflags") cpu.rflags = value;
  else if (lower == "fs_base") cpu.fs_base = value;
  else if (lower == "gs_base") cpu.gs_base = value;
  else if (lower.rfind("xmm", 0) == 0 && lower.size() <= 5) {
    int index = -1;
    try { index = std::stoi(lower.substr(3)); } catch (...) { return false; }
    if (index < 0 || index > 15) return false;
    cpu.xmm[index] = Xmm{value, 0};
  } else {
    return false;
  }
  return true;
}

}  // namespace goemu::emu
