// RFLAGS computation, in one place and templated on width (SDM Vol. 1, 3.4.3
// and Appendix A; per-instruction rules in Vol. 2). The lazy scheme built on
// it (LazyFlags here, its use by handlers in lazy_flags.h) computes the status
// flags of ADD/SUB/CMP/NEG, logic ops and INC/DEC only when they are read.
#pragma once
#include <cstdint>

#include "emulator/cpu_state.h"

namespace goemu::emu {

template <typename T>
inline constexpr T kSignBit = static_cast<T>(T{1} << (sizeof(T) * 8 - 1));

// SF, ZF and PF of a result; PF looks at the low byte only.
template <typename T>
inline uint64_t ResultFlags(T r) {
  uint64_t f = 0;
  if (r == 0) f |= kFlagZF;
  if (r & kSignBit<T>) f |= kFlagSF;
  if (!__builtin_parity(static_cast<uint8_t>(r))) f |= kFlagPF;
  return f;
}

inline void SetFlags(uint64_t& rflags, uint64_t mask, uint64_t value) {
  rflags = (rflags & ~mask) | value;
}

inline uint64_t FlagIf(bool cond, uint64_t flag) { return cond ? flag : 0; }

// a + b + carry_in with all six status flags.
template <typename T>
inline T AddFlags(T a, T b, bool carry_in, uint64_t& rflags) {
  const T r = static_cast<T>(a + b + carry_in);
  const bool cf = carry_in ? r <= a : r < a;
  const bool of = ((a ^ r) & (b ^ r)) & kSignBit<T>;
  const bool af = (a ^ b ^ r) & 0x10;
  SetFlags(rflags, kStatusFlags,
           ResultFlags(r) | FlagIf(cf, kFlagCF) | FlagIf(af, kFlagAF) | FlagIf(of, kFlagOF));
  return r;
}

// a - b - borrow_in with all six status flags (also CMP, NEG, SCAS, CMPS).
template <typename T>
inline T SubFlags(T a, T b, bool borrow_in, uint64_t& rflags) {
  const T r = static_cast<T>(a - b - borrow_in);
  const bool cf = borrow_in ? a <= b : a < b;
  const bool of = ((a ^ b) & (a ^ r)) & kSignBit<T>;
  const bool af = (a ^ b ^ r) & 0x10;
  SetFlags(rflags, kStatusFlags,
           ResultFlags(r) | FlagIf(cf, kFlagCF) | FlagIf(af, kFlagAF) | FlagIf(of, kFlagOF));
  return r;
}

// AND/OR/XOR/TEST: CF = OF = 0; AF is undefined, and cleared as hardware does.
template <typename T>
inline void LogicFlags(T r, uint64_t& rflags) {
  SetFlags(rflags, kStatusFlags, ResultFlags(r));
}

// The status flags of the last flag-setting instruction, not yet computed:
// its kind, width and operands. While op is kNone, RFLAGS holds them; else
// RFLAGS's status bits are stale.
enum class LazyOp : uint8_t {
  kNone,
  kAdd,    // r = a + b
  kSub,    // r = a - b (also CMP and NEG)
  kLogic,  // r = a AND/OR/XOR/TEST b; CF = OF = AF = 0
  kInc,    // r = a + 1, CF kept
  kDec,    // r = a - 1, CF kept
};
struct LazyFlags {
  LazyOp op = LazyOp::kNone;
  uint8_t width = 0;   // operand size in bits
  bool carry = false;  // INC/DEC: the CF they keep
  uint64_t a = 0;      // operands and result, zero-extended from width
  uint64_t b = 0;
  uint64_t r = 0;
};

// Writes the status flags that lazy describes into rflags (it must not be kNone).
template <typename T>
inline void MaterializeAs(const LazyFlags& lazy, uint64_t& rflags) {
  const T a = static_cast<T>(lazy.a);
  const uint64_t kept_cf = FlagIf(lazy.carry, kFlagCF);
  switch (lazy.op) {
    case LazyOp::kAdd: AddFlags<T>(a, static_cast<T>(lazy.b), false, rflags); break;
    case LazyOp::kSub: SubFlags<T>(a, static_cast<T>(lazy.b), false, rflags); break;
    case LazyOp::kLogic: LogicFlags<T>(static_cast<T>(lazy.r), rflags); break;
    case LazyOp::kInc: AddFlags<T>(a, 1, false, rflags); SetFlags(rflags, kFlagCF, kept_cf); break;
    case LazyOp::kDec: SubFlags<T>(a, 1, false, rflags); SetFlags(rflags, kFlagCF, kept_cf); break;
    case LazyOp::kNone: break;
  }
}

inline void Materialize(LazyFlags& lazy, uint64_t& rflags) {
  switch (lazy.width) {
    case 8: MaterializeAs<uint8_t>(lazy, rflags); break;
    case 16: MaterializeAs<uint16_t>(lazy, rflags); break;
    case 32: MaterializeAs<uint32_t>(lazy, rflags); break;
    default: MaterializeAs<uint64_t>(lazy, rflags); break;
  }
  lazy.op = LazyOp::kNone;
}

// Condition codes in encoding order (the low nibble of Jcc/SETcc/CMOVcc):
// O NO B AE E NE BE A S NS P NP L GE LE G. Odd codes negate even ones.
inline bool EvalCondition(uint64_t f, unsigned cc) {
  bool r = false;
  switch (cc >> 1) {
    case 0: r = f & kFlagOF; break;
    case 1: r = f & kFlagCF; break;
    case 2: r = f & kFlagZF; break;
    case 3: r = f & (kFlagCF | kFlagZF); break;
    case 4: r = f & kFlagSF; break;
    case 5: r = f & kFlagPF; break;
    case 6: r = !(f & kFlagSF) != !(f & kFlagOF); break;
    default: r = (f & kFlagZF) || (!(f & kFlagSF) != !(f & kFlagOF)); break;
  }
  return r != static_cast<bool>(cc & 1);
}

}  // namespace goemu::emu
