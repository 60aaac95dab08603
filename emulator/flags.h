// RFLAGS computation, in one place and templated on width, so that a later
// lazy-flags scheme only has to change this file (SDM Vol. 1, 3.4.3 and
// Appendix A; per-instruction rules in Vol. 2).
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
