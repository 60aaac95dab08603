// Turning a parsed Location into a guest address: code locations for `break` (must start an
// instruction), data addresses for `x` (registers and any symbol allowed).
#pragma once
#include <cstdint>
#include <string>
#include <variant>

#include "debugger/command.h"
#include "emulator/cpu_state.h"
#include "isa/assembler.h"

namespace goemu::debugger {

struct Resolved {
  uint64_t addr = 0;
  std::string error;  // set when it does not resolve
};

Resolved ResolveCode(const Location& location, const isa::Image& image);
Resolved ResolveData(const Location& location, const isa::Image& image, const emu::CpuState& cpu);

// The instruction whose bytes contain addr (a return address names the byte after a CALL,
// so callers look up addr - 1), or nullptr.
const isa::ImageInsn* InsnContaining(const isa::Image& image, uint64_t addr);
// "programs/defer.s:27" for the instruction containing addr, "" when none does.
std::string SourceLine(const isa::Image& image, uint64_t addr);
// The Instruction record of an ImageInsn.
inline const isa::Instruction& InsnOf(const isa::Image& image, const isa::ImageInsn& insn) {
  return image.symbols[insn.symbol].symbol.insns[insn.insn];
}

}  // namespace goemu::debugger
