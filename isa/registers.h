// Go's amd64 register names and their Zydis registers at each operand width.
#pragma once

#include <Zydis/Zydis.h>

#include <optional>
#include <string>
#include <string_view>

namespace goemu::isa {

struct RegName {
  ZydisRegister reg;  // 64-bit GPR, high-byte register (AH..BH), or XMM
  bool byte_name;     // spelled as an 8-bit register (AL, SIB, R8B)
};

// AX..R15, SP, BP, the 8-bit names (AL, AH, SPB, SIB, R8B...), X0..X15. nullopt otherwise.
std::optional<RegName> LookupRegister(std::string_view name);

// The 64-bit GPR `reg` viewed at `width` bits (8, 16, 32, 64); NONE when reg is not a GPR.
ZydisRegister GprAtWidth(ZydisRegister reg, int width);

bool IsGpr64(ZydisRegister reg);
bool IsXmm(ZydisRegister reg);

// Go's spelling of a canonical register ("AX", "R8", "X3", "AH"); with byte_name the 8-bit
// spelling ("AL", "SIB", "R8B").
std::string GoRegisterName(ZydisRegister reg, bool byte_name = false);

}  // namespace goemu::isa
