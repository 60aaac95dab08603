#include "tests/difftest/case_rules.h"

#include <string>

#include "emulator/cpu_state.h"
#include "tests/difftest/sandbox_layout.h"

namespace goemu::difftest {

namespace {

bool IsStringMnemonic(ZydisMnemonic m) {
  switch (m) {
    case ZYDIS_MNEMONIC_MOVSB: case ZYDIS_MNEMONIC_MOVSW: case ZYDIS_MNEMONIC_MOVSD: case ZYDIS_MNEMONIC_MOVSQ:
    case ZYDIS_MNEMONIC_STOSB: case ZYDIS_MNEMONIC_STOSW: case ZYDIS_MNEMONIC_STOSD: case ZYDIS_MNEMONIC_STOSQ:
    case ZYDIS_MNEMONIC_LODSB: case ZYDIS_MNEMONIC_LODSW: case ZYDIS_MNEMONIC_LODSD: case ZYDIS_MNEMONIC_LODSQ:
    case ZYDIS_MNEMONIC_CMPSB: case ZYDIS_MNEMONIC_CMPSW: case ZYDIS_MNEMONIC_CMPSD: case ZYDIS_MNEMONIC_CMPSQ:
    case ZYDIS_MNEMONIC_SCASB: case ZYDIS_MNEMONIC_SCASW: case ZYDIS_MNEMONIC_SCASD: case ZYDIS_MNEMONIC_SCASQ:
      return true;
    default:
      return false;
  }
}

const ZydisDecoder& Decoder() {
  static const ZydisDecoder decoder = [] {
    ZydisDecoder d;
    ZydisDecoderInit(&d, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    return d;
  }();
  return decoder;
}

// The immediate size the form's encoding must carry (0 = none).
unsigned ExpectedImmediateBits(const Form& form) {
  for (const OperandSpec& op : form.operands) {
    switch (op.kind) {
      case OperandKind::kImm:
      case OperandKind::kRel: return op.bits;
      case OperandKind::kCount: return 8;
      default: break;
    }
  }
  return 0;
}

bool HasOperandSize(const Form& form) {
  if (form.operands.empty()) return false;
  for (const OperandSpec& op : form.operands) {
    if (op.kind == OperandKind::kXmm || op.kind == OperandKind::kFill) return false;
  }
  const OperandKind first = form.operands[0].kind;
  return first == OperandKind::kReg || first == OperandKind::kHighReg || first == OperandKind::kMem;
}

}  // namespace

bool IsRepeatCompare(ZydisMnemonic m) {
  switch (m) {
    case ZYDIS_MNEMONIC_CMPSB: case ZYDIS_MNEMONIC_CMPSW: case ZYDIS_MNEMONIC_CMPSD: case ZYDIS_MNEMONIC_CMPSQ:
    case ZYDIS_MNEMONIC_SCASB: case ZYDIS_MNEMONIC_SCASW: case ZYDIS_MNEMONIC_SCASD: case ZYDIS_MNEMONIC_SCASQ:
      return true;
    default:
      return false;
  }
}

Rule RuleFor(const Form& form) {
  const ZydisMnemonic m = form.mnemonic;
  if (IsStringMnemonic(m)) return Rule::kString;
  switch (m) {
    case ZYDIS_MNEMONIC_JRCXZ: case ZYDIS_MNEMONIC_JECXZ:
    case ZYDIS_MNEMONIC_LOOP: case ZYDIS_MNEMONIC_LOOPE: case ZYDIS_MNEMONIC_LOOPNE:
      return Rule::kCounterBranch;
    case ZYDIS_MNEMONIC_RET: return Rule::kReturn;
    case ZYDIS_MNEMONIC_POPFQ: return Rule::kPopFlags;
    case ZYDIS_MNEMONIC_JMP: case ZYDIS_MNEMONIC_CALL:
      return form.operands[0].kind == OperandKind::kRel ? Rule::kPlain : Rule::kIndirectBranch;
    case ZYDIS_MNEMONIC_DIV: case ZYDIS_MNEMONIC_IDIV: return Rule::kDivide;
    case ZYDIS_MNEMONIC_CMPXCHG: return Rule::kCompareExchange;
    case ZYDIS_MNEMONIC_BSF: case ZYDIS_MNEMONIC_BSR: return Rule::kBitScan;
    case ZYDIS_MNEMONIC_BT: case ZYDIS_MNEMONIC_BTS: case ZYDIS_MNEMONIC_BTR: case ZYDIS_MNEMONIC_BTC:
      return Rule::kBitTest;
    case ZYDIS_MNEMONIC_SHL: case ZYDIS_MNEMONIC_SHR: case ZYDIS_MNEMONIC_SAR:
    case ZYDIS_MNEMONIC_ROL: case ZYDIS_MNEMONIC_ROR: case ZYDIS_MNEMONIC_RCL: case ZYDIS_MNEMONIC_RCR:
    case ZYDIS_MNEMONIC_SHLD: case ZYDIS_MNEMONIC_SHRD:
      return Rule::kShift;
    default: return Rule::kPlain;
  }
}

ZydisInstructionAttributes PrefixAttribute(Prefix prefix) {
  switch (prefix) {
    case Prefix::kNone: return 0;
    case Prefix::kLock: return ZYDIS_ATTRIB_HAS_LOCK;
    case Prefix::kRep: return ZYDIS_ATTRIB_HAS_REP;
    case Prefix::kRepe: return ZYDIS_ATTRIB_HAS_REPE;
    case Prefix::kRepne: return ZYDIS_ATTRIB_HAS_REPNE;
  }
  return 0;
}

uint8_t LimitCount(const Form& form, uint8_t count) {
  const bool double_shift = form.mnemonic == ZYDIS_MNEMONIC_SHLD || form.mnemonic == ZYDIS_MNEMONIC_SHRD;
  if (double_shift && form.width == 16 && (count & 31) > 16) return static_cast<uint8_t>(count & 15);
  return count;
}

uint64_t ImmediateValue(const Form& form, unsigned bits, Rng& rng) {
  if (form.mnemonic == ZYDIS_MNEMONIC_RET) return rng.Below(0x200);
  const uint64_t raw = EdgeValue(rng, bits);
  switch (bits) {
    case 8: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(raw)));
    case 16: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(raw)));
    case 32: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(raw)));
    default: {
      // Only values outside the sign-extended imm32 range need the 10-byte MOV.
      uint64_t value = RegisterValue(rng);
      const int64_t as_signed = static_cast<int64_t>(value);
      if (as_signed == static_cast<int32_t>(as_signed)) value ^= 1ull << 40;
      return value;
    }
  }
}

std::optional<uint32_t> CheckEncoding(const Form& form, const uint8_t* bytes, size_t length,
                                      uint8_t shift_count) {
  ZydisDecodedInstruction insn;
  ZydisDecodedOperand operands[ZYDIS_MAX_OPERAND_COUNT];
  if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&Decoder(), bytes, length, &insn, operands))) return std::nullopt;
  if (insn.length != length || insn.mnemonic != form.mnemonic) return std::nullopt;
  const ZydisInstructionAttributes prefix = PrefixAttribute(form.prefix);
  if (prefix != 0 && (insn.attributes & prefix) == 0) return std::nullopt;
  if (insn.raw.imm[0].size != ExpectedImmediateBits(form)) return std::nullopt;
  if (HasOperandSize(form) && insn.operand_width != form.operands[0].bits) return std::nullopt;
  // Zydis prefers `67 A3 moffs32` for absolute RAX moves even when asked for
  // 64-bit addressing; the address-size prefix is outside the forms (JECXZ aside).
  if (form.mnemonic != ZYDIS_MNEMONIC_JECXZ && insn.address_width != 64) return std::nullopt;

  uint32_t undefined = insn.cpu_flags != nullptr ? insn.cpu_flags->undefined : 0;
  if (RuleFor(form) == Rule::kShift) {
    // SDM Vol. 2B, SAL/SAR/SHL/SHR, ROL/ROR/RCL/RCR, SHLD/SHRD: the count is
    // masked to 5 bits (6 with REX.W); a masked count of 0 affects no flag,
    // and OF is defined for a count of 1.
    const unsigned masked = shift_count & (form.width == 64 ? 63 : 31);
    if (masked == 0) undefined = 0;
    if (masked == 1) undefined &= ~static_cast<uint32_t>(emu::kFlagOF);
  }
  return undefined;
}

std::string Disassemble(const uint8_t* bytes, size_t length) {
  ZydisDisassembledInstruction insn;
  if (!ZYAN_SUCCESS(ZydisDisassembleIntel(ZYDIS_MACHINE_MODE_LONG_64, kInsnAddr, bytes, length, &insn))) {
    return "(undecodable)";
  }
  return insn.text;
}

}  // namespace goemu::difftest
