// One generated test: the instruction bytes, the state both executions start
// from, and what the comparison must ignore because the SDM leaves it undefined.
#pragma once
#include <array>
#include <cstdint>

#include "tests/difftest/form_table.h"
#include "tests/difftest/sandbox_layout.h"

namespace goemu::difftest {

inline constexpr size_t kMaxInsnBytes = 15;

struct TestCase {
  const Form* form = nullptr;
  uint64_t index = 0;  // with the seed, all it takes to regenerate the case
  std::array<uint8_t, kMaxInsnBytes> insn{};
  uint8_t insn_len = 0;
  RegisterFile init;
  Window data{};   // initial bytes at kDataWindow
  Window stack{};  // initial bytes at kStackWindow
  uint32_t undefined_flags = 0;  // RFLAGS bits not compared (Zydis' undefined set, refined)
  uint16_t undefined_gprs = 0;   // GPRs (bit per emu::Gpr) whose result is undefined
};

}  // namespace goemu::difftest
