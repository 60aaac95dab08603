// Everything that differs between the Go assemblers goemu reproduces, as rows of two tables:
// one per Go version (what obj6.go's preprocess/stacksplit emit) and one per TLS model (GOOS).
#pragma once

#include <Zydis/Zydis.h>

#include <cstdint>

#include "isa/assembler.h"

namespace goemu::isa {

// How a frame larger than StackBig is checked against the stack guard.
enum class HugeFrameCheck {
  kPreemptCompare,  // go1.13: MOVQ 16(g), SI; CMPQ SI, $stackPreempt; JEQ; LEAQ guard(SP), AX; SUBQ SI, AX; CMPQ AX, $(frame+guard-small)
  kCarryCheck,      // go1.19: MOVQ SP, tmp; SUBQ $(frame-small), tmp; JCS; CMPQ tmp, 16(g)
};

struct GoVersionTraits {
  const char* name;
  int64_t stack_guard;            // _StackGuard on linux/amd64
  ZydisRegister g_reg;            // where the ABI0 prologue loads g
  ZydisRegister split_tmp;        // scratch for the big/huge frame checks
  ZydisRegister wrapper_tmp0;     // WRAPPER prologue: holds g._panic
  ZydisRegister wrapper_tmp1;     // WRAPPER prologue: holds this frame's argp
  HugeFrameCheck huge_check;
  // ADJSP $v lowering: SUBQ $v, SP / ADDQ $-v, SP. 1.19 flips the op for |v| = 128 whenever
  // that makes the immediate -128 (imm8); 1.13 always keeps the immediate positive.
  bool adjsp_prefers_imm8;
  // FUNCDATA's no_pointers_stackmap becomes this content-addressed RODATA symbol holding the
  // two empty bitmaps {2, 0} (1.13: md5 hex; 1.19: base64 of a truncated sha256).
  const char* no_pointers_stackmap;
  const char* listing_attrs;      // extra symbol attributes `go tool asm -S` prints ("asm" in 1.19)
  const char* listing_suffix;     // trailing header fields (funcid/align in 1.19)
};

inline constexpr int64_t kStackSmall = 128;
inline constexpr int64_t kStackBig = 4096;
inline constexpr int64_t kStackPreempt = -1314;  // 0xFFFFFFFFFFFFFADE

const GoVersionTraits& TraitsFor(GoVersion version);

struct TlsModel {
  GoOs goos;
  bool one_instruction;         // `MOVQ TLS, r` vanishes, `off(r)(TLS*1)` becomes FS-relative
  ZydisRegister segment;        // FS (linux) / GS (windows)
  int64_t tls_slot;             // windows: GS offset of the TLS-slot pointer (0x28)
  int64_t tls_g;                // goemu's offset of the g slot from the thread pointer
};

const TlsModel& TlsModelFor(GoOs goos);

}  // namespace goemu::isa
