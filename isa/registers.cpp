// Register name table. Go names a GPR the same at every width; the mnemonic's suffix picks it.
#include "isa/registers.h"

#include <array>

namespace goemu::isa {
namespace {

struct GprRow {
  std::string_view name;
  std::string_view byte_name;
  ZydisRegister r8, r16, r32, r64;
};

// Zydis orders RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8..R15 like the hardware numbering.
constexpr std::array<GprRow, 16> kGprs = {{
    {"AX", "AL", ZYDIS_REGISTER_AL, ZYDIS_REGISTER_AX, ZYDIS_REGISTER_EAX, ZYDIS_REGISTER_RAX},
    {"CX", "CL", ZYDIS_REGISTER_CL, ZYDIS_REGISTER_CX, ZYDIS_REGISTER_ECX, ZYDIS_REGISTER_RCX},
    {"DX", "DL", ZYDIS_REGISTER_DL, ZYDIS_REGISTER_DX, ZYDIS_REGISTER_EDX, ZYDIS_REGISTER_RDX},
    {"BX", "BL", ZYDIS_REGISTER_BL, ZYDIS_REGISTER_BX, ZYDIS_REGISTER_EBX, ZYDIS_REGISTER_RBX},
    {"SP", "SPB", ZYDIS_REGISTER_SPL, ZYDIS_REGISTER_SP, ZYDIS_REGISTER_ESP, ZYDIS_REGISTER_RSP},
    {"BP", "BPB", ZYDIS_REGISTER_BPL, ZYDIS_REGISTER_BP, ZYDIS_REGISTER_EBP, ZYDIS_REGISTER_RBP},
    {"SI", "SIB", ZYDIS_REGISTER_SIL, ZYDIS_REGISTER_SI, ZYDIS_REGISTER_ESI, ZYDIS_REGISTER_RSI},
    {"DI", "DIB", ZYDIS_REGISTER_DIL, ZYDIS_REGISTER_DI, ZYDIS_REGISTER_EDI, ZYDIS_REGISTER_RDI},
    {"R8", "R8B", ZYDIS_REGISTER_R8B, ZYDIS_REGISTER_R8W, ZYDIS_REGISTER_R8D, ZYDIS_REGISTER_R8},
    {"R9", "R9B", ZYDIS_REGISTER_R9B, ZYDIS_REGISTER_R9W, ZYDIS_REGISTER_R9D, ZYDIS_REGISTER_R9},
    {"R10", "R10B", ZYDIS_REGISTER_R10B, ZYDIS_REGISTER_R10W, ZYDIS_REGISTER_R10D, ZYDIS_REGISTER_R10},
    {"R11", "R11B", ZYDIS_REGISTER_R11B, ZYDIS_REGISTER_R11W, ZYDIS_REGISTER_R11D, ZYDIS_REGISTER_R11},
    {"R12", "R12B", ZYDIS_REGISTER_R12B, ZYDIS_REGISTER_R12W, ZYDIS_REGISTER_R12D, ZYDIS_REGISTER_R12},
    {"R13", "R13B", ZYDIS_REGISTER_R13B, ZYDIS_REGISTER_R13W, ZYDIS_REGISTER_R13D, ZYDIS_REGISTER_R13},
    {"R14", "R14B", ZYDIS_REGISTER_R14B, ZYDIS_REGISTER_R14W, ZYDIS_REGISTER_R14D, ZYDIS_REGISTER_R14},
    {"R15", "R15B", ZYDIS_REGISTER_R15B, ZYDIS_REGISTER_R15W, ZYDIS_REGISTER_R15D, ZYDIS_REGISTER_R15},
}};

struct HighByteRow {
  std::string_view name;
  ZydisRegister reg;
};
constexpr std::array<HighByteRow, 4> kHighBytes = {{
    {"AH", ZYDIS_REGISTER_AH}, {"CH", ZYDIS_REGISTER_CH}, {"DH", ZYDIS_REGISTER_DH}, {"BH", ZYDIS_REGISTER_BH}}};

}  // namespace

std::optional<RegName> LookupRegister(std::string_view name) {
  for (const GprRow& row : kGprs) {
    if (name == row.name) return RegName{row.r64, false};
    if (name == row.byte_name) return RegName{row.r64, true};
  }
  for (const HighByteRow& row : kHighBytes) {
    if (name == row.name) return RegName{row.reg, true};
  }
  if (name.size() >= 2 && name.size() <= 3 && name[0] == 'X') {
    int n = 0;
    for (char c : name.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    if (name.size() == 3 && name[1] == '0') return std::nullopt;
    if (n < 16) return RegName{static_cast<ZydisRegister>(ZYDIS_REGISTER_XMM0 + n), false};
  }
  return std::nullopt;
}

ZydisRegister GprAtWidth(ZydisRegister reg, int width) {
  for (const GprRow& row : kGprs) {
    if (row.r64 != reg) continue;
    switch (width) {
      case 8: return row.r8;
      case 16: return row.r16;
      case 32: return row.r32;
      case 64: return row.r64;
      default: return ZYDIS_REGISTER_NONE;
    }
  }
  for (const HighByteRow& row : kHighBytes) {
    if (row.reg == reg && width == 8) return reg;
  }
  return ZYDIS_REGISTER_NONE;
}

bool IsGpr64(ZydisRegister reg) { return reg >= ZYDIS_REGISTER_RAX && reg <= ZYDIS_REGISTER_R15; }
bool IsXmm(ZydisRegister reg) { return reg >= ZYDIS_REGISTER_XMM0 && reg <= ZYDIS_REGISTER_XMM15; }

std::string GoRegisterName(ZydisRegister reg, bool byte_name) {
  for (const GprRow& row : kGprs) {
    if (row.r64 == reg) return std::string(byte_name ? row.byte_name : row.name);
  }
  for (const HighByteRow& row : kHighBytes) {
    if (row.reg == reg) return std::string(row.name);
  }
  if (IsXmm(reg)) return "X" + std::to_string(reg - ZYDIS_REGISTER_XMM0);
  return "?";
}

}  // namespace goemu::isa
