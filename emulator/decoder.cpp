#include "emulator/decoder.h"

#include "emulator/bind.h"
#include "emulator/machine.h"

namespace goemu::emu {

namespace {

constexpr uint8_t kBadReg = 0xfe;

// Byte offset of a GPR operand in CpuState::gpr; AH..BH are byte 1 of rax..rbx.
uint8_t GprOperandOffset(ZydisRegister reg) {
  if (reg >= ZYDIS_REGISTER_AH && reg <= ZYDIS_REGISTER_BH) {
    return static_cast<uint8_t>((reg - ZYDIS_REGISTER_AH) * 8 + 1);
  }
  const ZydisRegister full = ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, reg);
  if (full < ZYDIS_REGISTER_RAX || full > ZYDIS_REGISTER_R15) return kBadReg;
  return static_cast<uint8_t>((full - ZYDIS_REGISTER_RAX) * 8);
}

bool IsGpr(ZydisRegister reg) {
  switch (ZydisRegisterGetClass(reg)) {
    case ZYDIS_REGCLASS_GPR8:
    case ZYDIS_REGCLASS_GPR16:
    case ZYDIS_REGCLASS_GPR32:
    case ZYDIS_REGCLASS_GPR64: return true;
    default: return false;
  }
}

// Fills the memory-operand fields; false for forms goemu does not model
// (32-bit address size, segment registers other than FS/GS in a way that matters).
bool DigestMemory(const ZydisDecodedInstruction& z, const ZydisDecodedOperand& op, uint64_t pc,
                  DecodedInsn& d) {
  if (op.mem.type != ZYDIS_MEMOP_TYPE_MEM && op.mem.type != ZYDIS_MEMOP_TYPE_AGEN) return false;
  if (z.address_width != 64) return false;
  d.disp = op.mem.disp.value;
  if (op.mem.base == ZYDIS_REGISTER_RIP) {
    d.disp += static_cast<int64_t>(pc + z.length);
  } else if (op.mem.base != ZYDIS_REGISTER_NONE) {
    if (ZydisRegisterGetClass(op.mem.base) != ZYDIS_REGCLASS_GPR64) return false;
    d.base = static_cast<uint8_t>(op.mem.base - ZYDIS_REGISTER_RAX);
  }
  if (op.mem.index != ZYDIS_REGISTER_NONE) {
    if (ZydisRegisterGetClass(op.mem.index) != ZYDIS_REGCLASS_GPR64) return false;
    d.index = static_cast<uint8_t>(op.mem.index - ZYDIS_REGISTER_RAX);
    d.scale_log2 = static_cast<uint8_t>(std::countr_zero(static_cast<unsigned>(op.mem.scale)));
  }
  if (op.mem.segment == ZYDIS_REGISTER_FS) d.segment = kSegFs;
  if (op.mem.segment == ZYDIS_REGISTER_GS) d.segment = kSegGs;
  if (d.base != kNoReg && d.segment == kSegNone) d.mem_form = d.index == kNoReg ? kMemBase : kMemBaseIndex;
  if (d.base == kNoReg && d.index == kNoReg && d.segment == kSegFs) d.mem_form = kMemFs;
  return true;
}

// Builds the operand digest and the generic fields of d. False when an
// operand is of a kind no handler accepts.
bool Digest(const ZydisDecodedInstruction& z, const ZydisDecodedOperand* ops, uint64_t pc,
            InsnView& v, DecodedInsn& d) {
  v.z = &z;
  v.ops = ops;
  v.mnemonic = z.mnemonic;
  v.count = z.operand_count_visible;
  v.width = z.operand_width;
  v.rep = z.attributes & (ZYDIS_ATTRIB_HAS_REP | ZYDIS_ATTRIB_HAS_REPE);
  v.repne = z.attributes & ZYDIS_ATTRIB_HAS_REPNE;
  if (v.count > 3) return false;
  bool have_mem = false;
  for (int i = 0; i < v.count; ++i) {
    const ZydisDecodedOperand& op = ops[i];
    v.bits[i] = op.size;
    switch (op.type) {
      case ZYDIS_OPERAND_TYPE_REGISTER:
        v.loc[i] = Loc::kReg;
        if (op.reg.value >= ZYDIS_REGISTER_XMM0 && op.reg.value <= ZYDIS_REGISTER_XMM15) {
          v.xmm[i] = true;
          d.reg[i] = static_cast<uint8_t>(op.reg.value - ZYDIS_REGISTER_XMM0);
        } else if (IsGpr(op.reg.value)) {
          d.reg[i] = GprOperandOffset(op.reg.value);
          if (d.reg[i] == kBadReg) return false;
        } else {
          return false;  // segment, control, x87, mask, YMM ... registers
        }
        break;
      case ZYDIS_OPERAND_TYPE_MEMORY:
        if (have_mem || !DigestMemory(z, op, pc, d)) return false;
        have_mem = true;
        v.loc[i] = Loc::kMem;
        break;
      case ZYDIS_OPERAND_TYPE_IMMEDIATE:
        v.loc[i] = Loc::kImm;
        d.imm = op.imm.is_relative ? pc + z.length + op.imm.value.u : op.imm.value.u;
        break;
      default:
        return false;
    }
  }
  if (v.count > 0) v.width = v.bits[0];
  return true;
}

uint32_t Classify(const ZydisDecodedInstruction& z, const ZydisDecodedOperand* ops) {
  uint32_t classes = 0;
  switch (z.mnemonic) {
    case ZYDIS_MNEMONIC_CALL: classes |= kClassCall; break;
    case ZYDIS_MNEMONIC_RET: classes |= kClassRet; break;
    case ZYDIS_MNEMONIC_JMP:
      classes |= ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE ? kClassJump : kClassIndirectJump;
      break;
    case ZYDIS_MNEMONIC_JRCXZ:
    case ZYDIS_MNEMONIC_JECXZ:
    case ZYDIS_MNEMONIC_LOOP:
    case ZYDIS_MNEMONIC_LOOPE:
    case ZYDIS_MNEMONIC_LOOPNE: classes |= kClassCondBranch; break;
    case ZYDIS_MNEMONIC_PUSH:
    case ZYDIS_MNEMONIC_POP:
    case ZYDIS_MNEMONIC_PUSHFQ:
    case ZYDIS_MNEMONIC_POPFQ: classes |= kClassPushPop; break;
    case ZYDIS_MNEMONIC_SYSCALL: classes |= kClassSyscall; break;
    default:
      if (z.meta.category == ZYDIS_CATEGORY_COND_BR) classes |= kClassCondBranch;
      break;
  }
  for (int i = 0; i < z.operand_count; ++i) {
    const ZydisDecodedOperand& op = ops[i];
    if (op.type == ZYDIS_OPERAND_TYPE_MEMORY) {
      if (op.actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) classes |= kClassMemWrite;
      if (op.mem.segment == ZYDIS_REGISTER_FS) classes |= kClassFsSegment;
    }
    if (i < z.operand_count_visible && op.type == ZYDIS_OPERAND_TYPE_REGISTER &&
        (op.actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) && IsGpr(op.reg.value) &&
        ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, op.reg.value) ==
            ZYDIS_REGISTER_RSP) {
      classes |= kClassStackWrite;
    }
  }
  // kClassOther names what moves neither control nor the stack, stores included: an
  // observer that asks for every class but kClassMemWrite (the --trace=insns writer) hears
  // of every instruction without having each store reported, which would step its block.
  constexpr uint32_t kMovesControlOrStack = kClassCall | kClassRet | kClassJump | kClassIndirectJump |
                                            kClassCondBranch | kClassStackWrite | kClassPushPop | kClassSyscall;
  return (classes & kMovesControlOrStack) != 0 ? classes : classes | kClassOther;
}

// Branches end a block, but the block builder may go on after a Jcc or through
// a direct CALL/JMP; instructions that always fault end it too, because nothing
// after them runs. SYSCALL hands the machine to the embedder and RDTSC reads
// the retired count, so each gets a block of its own.
uint8_t BlockRuleOf(const ZydisDecodedInstruction& z, const ZydisDecodedOperand* ops, uint32_t classes,
                    bool runnable) {
  constexpr uint32_t kMovesRip = kClassCall | kClassRet | kClassJump | kClassIndirectJump | kClassCondBranch;
  if (!runnable) return kBlockEnds;
  switch (z.mnemonic) {
    case ZYDIS_MNEMONIC_SYSCALL:
    case ZYDIS_MNEMONIC_RDTSC: return kBlockAlone;
    case ZYDIS_MNEMONIC_UD0:
    case ZYDIS_MNEMONIC_UD1:
    case ZYDIS_MNEMONIC_UD2:
    case ZYDIS_MNEMONIC_INT3:
    case ZYDIS_MNEMONIC_INT:
    case ZYDIS_MNEMONIC_HLT: return kBlockEnds;
    case ZYDIS_MNEMONIC_CALL:
      return ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE ? kBlockDirectCall : kBlockEnds;
    case ZYDIS_MNEMONIC_JMP:
      return ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE ? kBlockDirectJump : kBlockEnds;
    case ZYDIS_MNEMONIC_JRCXZ:
    case ZYDIS_MNEMONIC_JECXZ:
    case ZYDIS_MNEMONIC_LOOP:
    case ZYDIS_MNEMONIC_LOOPE:
    case ZYDIS_MNEMONIC_LOOPNE: return kBlockEnds;
    default: break;
  }
  if (z.meta.category == ZYDIS_CATEGORY_COND_BR) return kBlockCondBranch;
  return (classes & kMovesRip) != 0 ? kBlockEnds : kBlockContinues;
}

Bound Bind(const InsnView& v, DecodedInsn& d) {
  using Binder = Bound (*)(const InsnView&, DecodedInsn&);
  static constexpr Binder kBinders[] = {BindArith,   BindLogic, BindShift,   BindMulDiv,
                                        BindBit,     BindMove,  BindStack,   BindControl,
                                        BindString,  BindSystem, BindSse};
  for (Binder binder : kBinders) {
    if (const Bound h = binder(v, d)) return h;
  }
  return nullptr;
}

}  // namespace

void ExecUnsupported(ExecContext&, const DecodedInsn&) { throw InsnFault{FaultKind::kUnsupported}; }
void ExecInvalidOpcode(ExecContext&, const DecodedInsn&) {
  throw InsnFault{FaultKind::kInvalidOpcode};
}

Decoder::Decoder() {
  ZydisDecoderInit(&decoder_, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  ZydisFormatterInit(&formatter_, ZYDIS_FORMATTER_STYLE_INTEL);
}

DecodeStatus Decoder::Decode(uint64_t pc, const uint8_t* bytes, size_t size,
                             DecodedInsn& out, Handler& step) const {
  ZydisDecodedInstruction z;
  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
  const ZyanStatus status = ZydisDecoderDecodeFull(&decoder_, bytes, size, &z, ops);
  if (status == ZYDIS_STATUS_NO_MORE_DATA) return DecodeStatus::kTruncated;
  if (!ZYAN_SUCCESS(status)) return DecodeStatus::kInvalid;
  out = DecodedInsn{};
  out.pc = pc;
  out.length = z.length;
  static_assert(kClassOther < (1u << 16), "DecodedInsn::classes holds every class bit");
  out.classes = static_cast<uint16_t>(Classify(z, ops));
  InsnView view;
  Bound h = nullptr;
  // Anything but legacy/REX encodings (VEX, EVEX, XOP, 3DNow!) is AVX-era or
  // older than Go: reported, never guessed at.
  if (z.encoding == ZYDIS_INSTRUCTION_ENCODING_LEGACY && Digest(z, ops, pc, view, out)) {
    h = Bind(view, out);
  }
  const bool runnable = static_cast<bool>(h);
  if (!runnable) h = kThreaded<&ExecUnsupported>;
  out.exec = h.exec;
  step = h.step;
  out.block_rule = BlockRuleOf(z, ops, out.classes, runnable);
  return DecodeStatus::kOk;
}

RegisterWrites Decoder::Writes(const uint8_t* bytes, size_t size) const {
  ZydisDecodedInstruction z;
  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
  if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&decoder_, bytes, size, &z, ops))) return kWritesEverything;
  if (z.mnemonic == ZYDIS_MNEMONIC_SYSCALL) return kWritesEverything;
  RegisterWrites writes;
  for (int i = 0; i < z.operand_count; ++i) {  // hidden operands too: MUL's RDX, PUSH's RSP...
    const ZydisDecodedOperand& op = ops[i];
    if (op.type != ZYDIS_OPERAND_TYPE_REGISTER || (op.actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) == 0) continue;
    if (ZydisRegisterGetClass(op.reg.value) == ZYDIS_REGCLASS_FLAGS) writes.rflags = true;
    if (!IsGpr(op.reg.value)) continue;
    const ZydisRegister full = ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, op.reg.value);
    writes.gprs |= 1u << (full - ZYDIS_REGISTER_RAX);
  }
  // String instructions move RSI and RDI (and count RCX under REP) through their memory
  // operands, which Zydis does not list as register writes.
  if (z.meta.category == ZYDIS_CATEGORY_STRINGOP) {
    writes.gprs |= 1u << kRsi | 1u << kRdi | 1u << kRcx;
  }
  const ZydisAccessedFlags* flags = z.cpu_flags;
  if (flags != nullptr && (flags->modified | flags->set_0 | flags->set_1 | flags->undefined) != 0) writes.rflags = true;
  return writes;
}

std::string Decoder::Format(uint64_t pc, const uint8_t* bytes, size_t size) const {
  ZydisDecodedInstruction z;
  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
  if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&decoder_, bytes, size, &z, ops))) return "(bad)";
  char text[256];
  if (!ZYAN_SUCCESS(ZydisFormatterFormatInstruction(&formatter_, &z, ops, z.operand_count_visible,
                                                    text, sizeof text, pc, nullptr))) {
    return "(unformattable)";
  }
  return text;
}

}  // namespace goemu::emu
