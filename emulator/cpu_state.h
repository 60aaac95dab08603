// The architectural state of one x86-64 hardware thread, as user code sees it.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace goemu::emu {

// General-purpose registers in hardware encoding order (SDM Vol. 2, 2.1.5).
enum Gpr : uint8_t {
  kRax, kRcx, kRdx, kRbx, kRsp, kRbp, kRsi, kRdi,
  kR8, kR9, kR10, kR11, kR12, kR13, kR14, kR15,
  kGprCount
};

// The registers an instruction may write, as its encoding says (Zydis' operands, hidden ones
// included, and the flags it modifies): all that a per-instruction observer needs to compare.
struct RegisterWrites {
  uint32_t gprs = 0;    // bit r: general register r
  bool rflags = false;  // any RFLAGS bit
};
inline constexpr RegisterWrites kWritesEverything{(1u << kGprCount) - 1, true};

// RFLAGS bits (SDM Vol. 1, 3.4.3).
inline constexpr uint64_t kFlagCF = 1ull << 0;
inline constexpr uint64_t kFlagPF = 1ull << 2;
inline constexpr uint64_t kFlagAF = 1ull << 4;
inline constexpr uint64_t kFlagZF = 1ull << 6;
inline constexpr uint64_t kFlagSF = 1ull << 7;
inline constexpr uint64_t kFlagTF = 1ull << 8;
inline constexpr uint64_t kFlagIF = 1ull << 9;
inline constexpr uint64_t kFlagDF = 1ull << 10;
inline constexpr uint64_t kFlagOF = 1ull << 11;
// The six arithmetic status flags.
inline constexpr uint64_t kStatusFlags = kFlagCF | kFlagPF | kFlagAF | kFlagZF | kFlagSF | kFlagOF;
// Bit 1 always reads as 1; IF is set for user code.
inline constexpr uint64_t kInitialRflags = 0x202;

struct Xmm {
  uint64_t lo = 0;
  uint64_t hi = 0;
  bool operator==(const Xmm&) const = default;
};

struct CpuState {
  std::array<uint64_t, kGprCount> gpr{};
  uint64_t rip = 0;
  uint64_t rflags = kInitialRflags;
  uint64_t fs_base = 0;
  uint64_t gs_base = 0;
  std::array<Xmm, 16> xmm{};
  uint32_t mxcsr = 0x1f80;
};

// "rax" .. "r15" (lower case, 64-bit names).
std::string_view GprName(Gpr reg);
// Parses a 64-bit register name ("rax", "RAX", "r8"); also "rip", "rflags",
// "fs_base", "gs_base" are handled by SetNamedRegister below.
std::optional<Gpr> ParseGprName(std::string_view name);
// Sets a register by name: any GPR, rip, rflags, fs_base, gs_base, or
// xmm0..xmm15 (low 64 bits). Returns false for an unknown name.
bool SetNamedRegister(CpuState& cpu, std::string_view name, uint64_t value);

}  // namespace goemu::emu
