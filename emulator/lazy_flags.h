// Handlers' access to the status flags under the lazy scheme (flags.h):
// writers record their operands, readers materialise RFLAGS or, for the
// common conditions after CMP/SUB/TEST, evaluate them from the operands.
#pragma once
#include "emulator/decoded_insn.h"
#include "emulator/flags.h"

namespace goemu::emu {

// RFLAGS with every status flag up to date. Any handler that reads RFLAGS, or
// changes only some of its status flags, goes through here.
inline uint64_t& Rflags(ExecContext& c) {
  if (c.flags.op != LazyOp::kNone) [[unlikely]] Materialize(c.flags, c.cpu.rflags);
  return c.cpu.rflags;
}

template <typename T>
inline void SetLazyFlags(ExecContext& c, LazyOp op, T a, T b, T r) {
  c.flags.op = op;
  c.flags.width = sizeof(T) * 8;
  c.flags.a = a;
  c.flags.b = b;
  c.flags.r = r;
}

// CF alone, without materialising the rest (INC/DEC keep it).
inline bool Carry(const ExecContext& c) {
  const LazyFlags& f = c.flags;
  switch (f.op) {
    case LazyOp::kAdd: return f.r < f.a;
    case LazyOp::kSub: return f.a < f.b;
    case LazyOp::kLogic: return false;
    case LazyOp::kInc:
    case LazyOp::kDec: return f.carry;
    default: return c.cpu.rflags & kFlagCF;
  }
}

// A condition code (EvalCondition's numbering). After CMP/SUB and the logic
// ops, Z, S, B, BE, L and LE come straight from the operands: for a - b,
// CF = a <u b and SF != OF = a <s b; a logic op has CF = OF = 0.
// Always inline: in a handler that has just recorded the flags, the operation and operands
// are known, and the test folds to one compare (exec_jcc.h's ThenBranchThreaded).
template <unsigned kCond>
[[gnu::always_inline]] inline bool Condition(ExecContext& c) {
  const LazyFlags& f = c.flags;
  const unsigned shift = 64 - f.width;
  bool r;
  switch (kCond >> 1) {
    case 2: // E
      if (f.op == LazyOp::kNone) return EvalCondition(c.cpu.rflags, kCond);
      r = f.r == 0;
      break;
    case 4: // S
      if (f.op == LazyOp::kNone) return EvalCondition(c.cpu.rflags, kCond);
      r = (f.r >> (f.width - 1)) & 1;
      break;
    case 1: // B
      if (f.op == LazyOp::kSub) r = f.a < f.b;
      else if (f.op == LazyOp::kLogic) r = false;
      else return EvalCondition(Rflags(c), kCond);
      break;
    case 3: // BE
      if (f.op == LazyOp::kSub) r = f.a <= f.b;
      else if (f.op == LazyOp::kLogic) r = f.r == 0;
      else return EvalCondition(Rflags(c), kCond);
      break;
    case 6: // L
      if (f.op == LazyOp::kSub) r = static_cast<int64_t>(f.a << shift) < static_cast<int64_t>(f.b << shift);
      else if (f.op == LazyOp::kLogic) r = (f.r >> (f.width - 1)) & 1;
      else return EvalCondition(Rflags(c), kCond);
      break;
    case 7: // LE
      if (f.op == LazyOp::kSub) r = static_cast<int64_t>(f.a << shift) <= static_cast<int64_t>(f.b << shift);
      else if (f.op == LazyOp::kLogic) r = f.r == 0 || ((f.r >> (f.width - 1)) & 1);
      else return EvalCondition(Rflags(c), kCond);
      break;
    default:  // O, P
      return EvalCondition(Rflags(c), kCond);
  }
  return r != static_cast<bool>(kCond & 1);
}

}  // namespace goemu::emu
