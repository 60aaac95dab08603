// Landing pads: the code that follows the instruction under test and sits at
// every branch target. A pad records its index (so the harness knows which
// RIP the instruction produced) and jumps to the stub's save routine, touching
// no register and no flag:
//
//   mov dword ptr [DIFFTEST_PAD_SLOT], index
//   jmp qword ptr [DIFFTEST_SAVE_SLOT]
#pragma once
#include <array>
#include <cstdint>

#include "tests/difftest/sandbox_layout.h"
#include "tests/difftest/test_case.h"

namespace goemu::difftest {

enum Pad : uint32_t {
  kPadFallThrough,  // directly after the instruction
  kPadNearBack,     // reachable by rel8, backwards
  kPadNearAhead,    // reachable by rel8, forwards
  kPadFarAhead,     // needs rel32
  kPadFarBack,      // needs rel32
  kPadCount,
};

// Where pad `pad` lies for an instruction of `insn_len` bytes at kInsnAddr.
uint64_t PadAddress(Pad pad, unsigned insn_len);
// The pad reached at `addr`, or kPadCount if none starts there.
Pad PadAt(uint64_t addr, unsigned insn_len);

using CodePage = std::array<uint8_t, kPageBytes>;
// The code page without a test instruction: the fixed pads, INT3 elsewhere.
const CodePage& BaseCodePage();

// The bytes a case writes at kInsnAddr: the instruction, then the fall-through pad.
struct CodePatch {
  std::array<uint8_t, kMaxInsnBytes + 32> bytes{};
  uint8_t length = 0;
};
CodePatch PatchFor(const TestCase& test);

}  // namespace goemu::difftest
