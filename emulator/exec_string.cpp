// MOVS STOS LODS CMPS SCAS with REP / REPE / REPNE (SDM Vol. 2). Sources are
// [seg:rsi] (segment overridable), destinations [rdi]; DF picks the direction.
// A repeated instruction commits each iteration (rcx, rsi, rdi), so a fault
// in the middle leaves the progress made so far and rip at the instruction,
// exactly as the hardware's interruptible REP does.
#include "emulator/bind.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

enum class Rep : uint8_t { kNone, kRep, kRepe, kRepne };

// DF is never lazy (lazy_flags.h covers the status flags only).
template <int W>
int64_t Stride(const CpuState& cpu) {
  return (cpu.rflags & kFlagDF) ? -(W / 8) : W / 8;
}

struct MovsOp {
  template <int W> static void Once(ExecContext& c, const DecodedInsn& d) {
    CpuState& cpu = c.cpu;
    const U<W> v = c.mem.Read<U<W>>(SegmentBase(cpu, d.segment) + cpu.gpr[kRsi]);
    Store<U<W>>(c, cpu.gpr[kRdi], v);
    cpu.gpr[kRsi] += Stride<W>(cpu);
    cpu.gpr[kRdi] += Stride<W>(cpu);
  }
};
struct StosOp {
  template <int W> static void Once(ExecContext& c, const DecodedInsn&) {
    CpuState& cpu = c.cpu;
    Store<U<W>>(c, cpu.gpr[kRdi], GetReg<W>(cpu, GprOffset(kRax)));
    cpu.gpr[kRdi] += Stride<W>(cpu);
  }
};
struct LodsOp {
  template <int W> static void Once(ExecContext& c, const DecodedInsn& d) {
    CpuState& cpu = c.cpu;
    SetReg<W>(cpu, GprOffset(kRax), c.mem.Read<U<W>>(SegmentBase(cpu, d.segment) + cpu.gpr[kRsi]));
    cpu.gpr[kRsi] += Stride<W>(cpu);
  }
};
// CMPS compares [rsi] with [rdi] (flags of [rsi] - [rdi]).
struct CmpsOp {
  template <int W> static void Once(ExecContext& c, const DecodedInsn& d) {
    CpuState& cpu = c.cpu;
    const U<W> a = c.mem.Read<U<W>>(SegmentBase(cpu, d.segment) + cpu.gpr[kRsi]);
    const U<W> b = c.mem.Read<U<W>>(cpu.gpr[kRdi]);
    SubFlags<U<W>>(a, b, false, Rflags(c));
    cpu.gpr[kRsi] += Stride<W>(cpu);
    cpu.gpr[kRdi] += Stride<W>(cpu);
  }
};
// SCAS compares the accumulator with [rdi].
struct ScasOp {
  template <int W> static void Once(ExecContext& c, const DecodedInsn&) {
    CpuState& cpu = c.cpu;
    const U<W> b = c.mem.Read<U<W>>(cpu.gpr[kRdi]);
    SubFlags<U<W>>(GetReg<W>(cpu, GprOffset(kRax)), b, false, Rflags(c));
    cpu.gpr[kRdi] += Stride<W>(cpu);
  }
};

template <typename Op, int W, Rep R>
void StringInsn(ExecContext& c, const DecodedInsn& d) {
  if constexpr (R == Rep::kNone) {
    Op::template Once<W>(c, d);
  } else {
    uint64_t& count = c.cpu.gpr[kRcx];
    while (count != 0) {
      Op::template Once<W>(c, d);
      --count;
      if constexpr (R == Rep::kRepe) {
        if (!(Rflags(c) & kFlagZF)) break;
      } else if constexpr (R == Rep::kRepne) {
        if (Rflags(c) & kFlagZF) break;
      }
    }
  }
}

template <typename Op, Rep R>
Bound PickWidth(int width) {
  switch (width) {
    case 8: return &StringInsn<Op, 8, R>;
    case 16: return &StringInsn<Op, 16, R>;
    case 32: return &StringInsn<Op, 32, R>;
    case 64: return &StringInsn<Op, 64, R>;
    default: return nullptr;
  }
}

// MOVS/STOS/LODS take REP only; CMPS/SCAS take REPE or REPNE.
template <typename Op, bool kCompares>
Bound PickString(const InsnView& v, int width) {
  if (!kCompares && v.repne) return nullptr;
  if (kCompares && v.repne) return PickWidth<Op, Rep::kRepne>(width);
  if (v.rep) return PickWidth<Op, kCompares ? Rep::kRepe : Rep::kRep>(width);
  return PickWidth<Op, Rep::kNone>(width);
}

// The element width and the source segment come from the implicit memory
// operands (the Intel form "movsq" has no explicit ones).
bool DigestStringOperands(const InsnView& v, DecodedInsn& d, int& width) {
  if (v.z->address_width != 64) return false;
  width = 0;
  for (int i = 0; i < v.z->operand_count; ++i) {
    const ZydisDecodedOperand& op = v.ops[i];
    if (op.type != ZYDIS_OPERAND_TYPE_MEMORY) continue;
    width = op.size;
    if (op.mem.base == ZYDIS_REGISTER_RSI) {
      if (op.mem.segment == ZYDIS_REGISTER_FS) d.segment = kSegFs;
      if (op.mem.segment == ZYDIS_REGISTER_GS) d.segment = kSegGs;
    }
  }
  return width != 0;
}

}  // namespace

Bound BindString(const InsnView& v, DecodedInsn& d) {
  int width = 0;
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_MOVSB:
    case ZYDIS_MNEMONIC_MOVSW:
    case ZYDIS_MNEMONIC_MOVSD:
    case ZYDIS_MNEMONIC_MOVSQ:
      // MOVSD is also the SSE2 scalar move; that one has explicit XMM operands.
      if (v.count != 0 || !DigestStringOperands(v, d, width)) return nullptr;
      return PickString<MovsOp, false>(v, width);
    case ZYDIS_MNEMONIC_STOSB:
    case ZYDIS_MNEMONIC_STOSW:
    case ZYDIS_MNEMONIC_STOSD:
    case ZYDIS_MNEMONIC_STOSQ:
      if (!DigestStringOperands(v, d, width)) return nullptr;
      return PickString<StosOp, false>(v, width);
    case ZYDIS_MNEMONIC_LODSB:
    case ZYDIS_MNEMONIC_LODSW:
    case ZYDIS_MNEMONIC_LODSD:
    case ZYDIS_MNEMONIC_LODSQ:
      if (!DigestStringOperands(v, d, width)) return nullptr;
      return PickString<LodsOp, false>(v, width);
    case ZYDIS_MNEMONIC_CMPSB:
    case ZYDIS_MNEMONIC_CMPSW:
    case ZYDIS_MNEMONIC_CMPSD:
    case ZYDIS_MNEMONIC_CMPSQ:
      if (v.count != 0 || !DigestStringOperands(v, d, width)) return nullptr;
      return PickString<CmpsOp, true>(v, width);
    case ZYDIS_MNEMONIC_SCASB:
    case ZYDIS_MNEMONIC_SCASW:
    case ZYDIS_MNEMONIC_SCASD:
    case ZYDIS_MNEMONIC_SCASQ:
      if (!DigestStringOperands(v, d, width)) return nullptr;
      return PickString<ScasOp, true>(v, width);
    default: return nullptr;
  }
}

}  // namespace goemu::emu
