// Fixed addresses shared by the native stub (native_stub.S), the native
// sandbox and the interpreter side. Both executions see the same guest
// addresses, so absolute, RIP-relative and register-relative operands mean
// the same thing in the host process and in goemu's Memory.
//
// This header is included from assembly, so the shared part is plain
// preprocessor numbers; the C++ view of them follows below.
#pragma once

#define DIFFTEST_CODE_PAGE 0x10000000
#define DIFFTEST_INSN_ADDR 0x10000800  // the instruction under test
#define DIFFTEST_DATA_PAGE 0x20000000  // memory operands point into its window
#define DIFFTEST_STACK_PAGE 0x20002000
#define DIFFTEST_HARNESS_PAGE 0x30000000  // host-only bookkeeping, never in goemu

// Slots in the harness page. Landing pads reach them through absolute
// addressing, which touches no register and no flag.
#define DIFFTEST_HOST_RSP (DIFFTEST_HARNESS_PAGE + 0x00)
#define DIFFTEST_ENTRY_SLOT (DIFFTEST_HARNESS_PAGE + 0x08)  // holds DIFFTEST_INSN_ADDR
#define DIFFTEST_SAVE_SLOT (DIFFTEST_HARNESS_PAGE + 0x10)   // holds &goemu_difftest_save
#define DIFFTEST_PAD_SLOT (DIFFTEST_HARNESS_PAGE + 0x18)    // index of the pad reached
#define DIFFTEST_IN_REGS (DIFFTEST_HARNESS_PAGE + 0x100)    // RegisterFile loaded before
#define DIFFTEST_OUT_REGS (DIFFTEST_HARNESS_PAGE + 0x300)   // RegisterFile saved after
// Offsets inside a RegisterFile.
#define DIFFTEST_REGS_RFLAGS 0x80
#define DIFFTEST_REGS_XMM 0x90

#ifndef __ASSEMBLER__
#include <array>
#include <cstddef>
#include <cstdint>

#include "emulator/cpu_state.h"

namespace goemu::difftest {

inline constexpr uint64_t kPageBytes = 4096;
inline constexpr uint64_t kCodePage = DIFFTEST_CODE_PAGE;
inline constexpr uint64_t kInsnAddr = DIFFTEST_INSN_ADDR;
inline constexpr uint64_t kDataPage = DIFFTEST_DATA_PAGE;
inline constexpr uint64_t kStackPage = DIFFTEST_STACK_PAGE;
inline constexpr uint64_t kHarnessPage = DIFFTEST_HARNESS_PAGE;

// The compared memory: every operand the generator builds lies inside these
// windows (1 KiB each), and both sides report their final bytes.
inline constexpr size_t kWindowBytes = 1024;
inline constexpr uint64_t kDataWindow = kDataPage + 0x400;
inline constexpr uint64_t kStackWindow = kStackPage + 0x600;
inline constexpr uint64_t kStackTop = kStackWindow + kWindowBytes / 2;  // initial RSP area

using Window = std::array<uint8_t, kWindowBytes>;

// The register image the stub loads and stores; layout fixed by the offsets above.
struct RegisterFile {
  std::array<uint64_t, emu::kGprCount> gpr{};
  uint64_t rflags = emu::kInitialRflags;
  uint64_t reserved = 0;
  std::array<emu::Xmm, 16> xmm{};
};
static_assert(offsetof(RegisterFile, rflags) == DIFFTEST_REGS_RFLAGS);
static_assert(offsetof(RegisterFile, xmm) == DIFFTEST_REGS_XMM);
static_assert(sizeof(RegisterFile) <= DIFFTEST_OUT_REGS - DIFFTEST_IN_REGS);

}  // namespace goemu::difftest
#endif
