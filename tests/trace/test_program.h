// Test loader: assembles a small Go-asm program (no runtime), links it at 0x401000, maps
// its segments and a stack into a Machine, and starts at a chosen function with a zero
// return address, so unwinding stops there as "unknown pc".
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "trace/code_index.h"

namespace goemu::trace::testing {

inline constexpr uint64_t kStackBase = 0x7ffffff00000;
inline constexpr uint64_t kStackSize = 0x10000;
inline constexpr uint64_t kStackTop = kStackBase + kStackSize;
// A second stack, for programs that switch stacks by hand.
inline constexpr uint64_t kAltStackBase = 0xc000000000;
inline constexpr uint64_t kAltStackSize = 0x2000;

struct TestProgram {
  isa::Image image;
  emu::Memory memory;
  emu::Machine machine{memory};
  std::unique_ptr<CodeIndex> code;

  // Fails the current test (REQUIRE) when the source does not assemble or link.
  TestProgram(std::string_view source, std::string_view entry = "main.main");
  uint64_t Addr(std::string_view symbol) const;
  // Runs until pc reaches `symbol+off` (not executing it) or the budget runs out.
  void RunTo(std::string_view symbol, uint64_t off = 0, uint64_t max_steps = 100000);
  // Address of the first instruction in symbol whose Go text starts with `text` (a space in
  // `text` matches the tab the assembler puts after the mnemonic).
  uint64_t InsnAddr(std::string_view symbol, std::string_view text) const;
  // Runs until that instruction is next.
  void RunToInsn(std::string_view symbol, std::string_view text, uint64_t max_steps = 100000);
  // For kSwitchProgram: FS points past main·tls[0], which holds main·g0; g0 owns the main
  // stack, g1 the alternate one (when with_bounds), both on m0 (goids 0 and 1).
  void InstallFakeRuntime(bool with_bounds);
  void Poke64(uint64_t addr, uint64_t value) { memory.Poke(addr, &value, 8); }
  uint64_t pc() const { return machine.cpu().rip; }
  uint64_t sp() const { return machine.cpu().gpr[emu::kRsp]; }
  uint64_t Read64(uint64_t addr) const { return memory.PeekU64(addr).value(); }
};

}  // namespace goemu::trace::testing
