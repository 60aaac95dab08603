// Test fixture: a small guest address space (text, data, read-only data,
// stack) and a Machine over it. Code is given as hex bytes; tests that care
// about the encoding also check the disassembly, so the bytes are what the
// test claims they are.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/decoder.h"
#include "emulator/machine.h"
#include "emulator/replicas.h"

namespace goemu::emu::testing {

inline constexpr uint64_t kText = 0x401000;
inline constexpr uint64_t kTextSize = 0x4000;
inline constexpr uint64_t kData = 0x600000;
inline constexpr uint64_t kDataSize = 0x4000;
inline constexpr uint64_t kRodata = 0x700000;
inline constexpr uint64_t kStackBase = 0x7ffffff00000;
inline constexpr uint64_t kStackSize = 0x10000;
inline constexpr uint64_t kStackTop = kStackBase + kStackSize - 0x100;
// Another page of the text region: where the block tests jump to end a run (RunToFar).
inline constexpr uint64_t kFar = kText + 0x2000;

std::vector<uint8_t> Hex(std::string_view hex);
// "jmp kFar" placed at address at, as hex: how a test's code ends its block and its run
// (Guest::RunToFar) with the stop address outside the blocks, so that they run whole.
std::string JmpFar(uint64_t at);

struct Guest {
  Memory memory;
  Machine machine{memory};
  uint64_t code_end = kText;

  Guest();
  CpuState& cpu() { return machine.cpu(); }
  uint64_t& reg(Gpr r) { return machine.cpu().gpr[r]; }
  // Writes code at kText (replacing earlier code) and points rip at it.
  void Load(std::string_view hex);
  // Appends code after what Load/Append placed; returns its address.
  uint64_t Append(std::string_view hex);
  // Runs until rip reaches the end of the loaded code (or a fault / budget).
  RunResult RunToEnd(uint64_t max_steps = 100000);
  // Runs until rip reaches kFar (or a fault / budget).
  RunResult RunToFar(uint64_t max_steps = 100000) {
    return machine.Run(RunOptions{.max_steps = max_steps, .stop_at = kFar});
  }
  // Loads, runs and requires it ended normally.
  void Exec(std::string_view hex);
  uint64_t Read64(uint64_t addr);
  void Write64(uint64_t addr, uint64_t v);
};

// Whether exec is one of the copies (replicas.h) of bound, a MOV or LEA handler, or bound.
inline bool IsMoveCopy(Handler exec, Handler bound) {
  if (exec == bound) return true;
  for (unsigned copy = 0; copy < kReplicas; ++copy) {
    if (MoveReplica(bound, copy) == exec) return true;
  }
  return false;
}

// RFLAGS with only the given status flags set (plus the always-one bit 1 and IF).
inline uint64_t Flags(uint64_t status) { return kInitialRflags | status; }
// RFLAGS without the bits the SDM calls undefined for the instruction under test.
inline uint64_t Defined(uint64_t rflags, uint64_t undefined) { return rflags & ~undefined; }

}  // namespace goemu::emu::testing
