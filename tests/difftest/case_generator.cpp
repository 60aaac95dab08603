#include "tests/difftest/case_generator.h"

#include <fmt/format.h>

#include <cstring>

#include "tests/difftest/case_rules.h"
#include "tests/difftest/landing_pads.h"
#include "tests/difftest/registers.h"
#include "tests/difftest/rng.h"

namespace goemu::difftest {

namespace {

// Several register/addressing choices cannot be encoded (AH next to a REX
// prefix, an imm8-sized value for an imm32 form); such attempts are redrawn.
constexpr unsigned kAttempts = 400;

constexpr uint16_t Bit(unsigned slot) { return static_cast<uint16_t>(1u << slot); }

class Builder {
 public:
  Builder(const Form& form, Rng& rng, TestCase& test) : form_(form), rng_(rng), test_(test) {}

  // One attempt; false if this draw cannot be encoded as the form.
  bool Build();

 private:
  void RandomizeState();
  void PinImplicitRegisters();
  ZydisEncoderOperand RegisterOperand(ZydisRegister reg);
  void ChooseOperand(size_t i);
  void ChooseMemory(ZydisEncoderOperand& op, unsigned bytes);
  ZydisRegister FreeBase(uint16_t also_taken);
  void AdjustValues();
  bool EncodeAndCheck();

  uint64_t OperandValue(size_t i) const;
  void SetOperandValue(size_t i, uint64_t value);
  uint64_t ReadMem(uint64_t addr, unsigned bytes) const;
  void WriteMem(uint64_t addr, uint64_t value, unsigned bytes);

  const Form& form_;
  Rng& rng_;
  TestCase& test_;
  const Rule rule_ = RuleFor(form_);
  ZydisEncoderRequest request_{};
  uint16_t pinned_ = Bit(emu::kRsp);  // slots whose value a constraint fixes
  uint64_t mem_addr_ = 0;             // effective address of the memory operand
  uint8_t shift_count_ = 0;           // count of a shift or rotate, for the flag rules
};

void Builder::RandomizeState() {
  for (uint64_t& reg : test_.init.gpr) reg = RegisterValue(rng_);
  // RSP stays inside the stack window; now and then misaligned.
  test_.init.gpr[emu::kRsp] = kStackTop + 8 * rng_.Range(-8, 8) - (rng_.Chance(1, 8) ? rng_.Range(1, 7) : 0);
  uint64_t status = rng_.Next() & emu::kStatusFlags;
  if (rng_.Chance(1, 8)) status = rng_.Chance(1, 2) ? emu::kStatusFlags : 0;
  test_.init.rflags = emu::kInitialRflags | status | (rng_.Chance(1, 4) ? emu::kFlagDF : 0);
  for (emu::Xmm& xmm : test_.init.xmm) xmm = emu::Xmm{rng_.Next(), rng_.Next()};
  // Repeat-compare instructions only stop early on equal elements: give them
  // low-entropy memory half of the time.
  const bool sparse = IsRepeatCompare(form_.mnemonic) && rng_.Chance(1, 2);
  for (uint8_t& b : test_.data) b = static_cast<uint8_t>(sparse ? rng_.Below(2) : rng_.Next());
  for (uint8_t& b : test_.stack) b = static_cast<uint8_t>(rng_.Next());
}

void Builder::PinImplicitRegisters() {
  RegisterFile& regs = test_.init;
  const uint64_t rsp = regs.gpr[emu::kRsp];
  switch (rule_) {
    case Rule::kString:
      // Room for 16 elements of 8 bytes either way, whatever DF says.
      regs.gpr[emu::kRsi] = kDataWindow + 0x100 + rng_.Below(0x100);
      regs.gpr[emu::kRdi] = kDataWindow + 0x200 + rng_.Below(0x100);
      if (form_.prefix != Prefix::kNone) regs.gpr[emu::kRcx] = rng_.Below(10);
      pinned_ |= Bit(emu::kRsi) | Bit(emu::kRdi) | Bit(emu::kRcx) | Bit(emu::kRax);
      break;
    case Rule::kCounterBranch: {
      static constexpr uint64_t kCounts[] = {0, 1, 2, 0x100000000ull, 0x100000001ull, ~0ull};
      if (rng_.Chance(3, 4)) regs.gpr[emu::kRcx] = kCounts[rng_.Below(std::size(kCounts))];
      pinned_ |= Bit(emu::kRcx);
      break;
    }
    case Rule::kReturn:
      WriteMem(rsp, PadAddress(static_cast<Pad>(rng_.Range(kPadNearBack, kPadFarBack)), 0), 8);
      break;
    case Rule::kPopFlags:
      WriteMem(rsp, emu::kInitialRflags | (rng_.Next() & (emu::kStatusFlags | emu::kFlagDF)), 8);
      break;
    case Rule::kDivide: pinned_ |= Bit(emu::kRax) | Bit(emu::kRdx); break;
    case Rule::kCompareExchange: pinned_ |= Bit(emu::kRax); break;
    default: break;
  }
  for (const OperandSpec& op : form_.operands) {
    if (op.kind == OperandKind::kCl) pinned_ |= Bit(emu::kRcx);
  }
}

ZydisEncoderOperand Builder::RegisterOperand(ZydisRegister reg) {
  ZydisEncoderOperand op{};
  op.type = ZYDIS_OPERAND_TYPE_REGISTER;
  op.reg.value = reg;
  return op;
}

ZydisRegister Builder::FreeBase(uint16_t also_taken) {
  for (;;) {
    const unsigned slot = static_cast<unsigned>(rng_.Below(16));
    if (((pinned_ | also_taken) & Bit(slot)) == 0) return GprOfWidth(slot, 64);
  }
}

// Picks an effective address inside the data window, then an addressing mode
// and the base/index values that produce it (wrapping around 2^64 when the
// index is large, as the hardware does); or an RSP-relative operand, which
// lies in the stack window (RSP stays within 0x48 of kStackTop).
void Builder::ChooseMemory(ZydisEncoderOperand& op, unsigned bytes) {
  op.type = ZYDIS_OPERAND_TYPE_MEMORY;
  // Zydis sizes LEA's memory operand by the address size, not the result.
  op.mem.size = static_cast<ZyanU16>(form_.mnemonic == ZYDIS_MNEMONIC_LEA ? 8 : bytes);
  uint64_t addr = kDataWindow + 0x100 + rng_.Below(0x1f0);
  // SSE forms other than MOVDQU/MOVUPS fault on misaligned 16-byte operands:
  // mostly aligned, so the faults stay a minority of the cases.
  const bool align = bytes == 16 ? rng_.Chance(7, 8) : rng_.Chance(3, 4);
  if (align) addr &= ~static_cast<uint64_t>(bytes - 1);
  mem_addr_ = addr;
  static constexpr uint8_t kScales[] = {1, 2, 4, 8};
  const int64_t disp8 = rng_.Range(-128, 127);
  const int64_t disp32 = rng_.Range(-0x1000000, 0x1000000);
  switch (rng_.Below(8)) {
    case 7:  // [rsp + disp8], Go's n(SP): the operand is on the test stack
      op.mem.base = ZYDIS_REGISTER_RSP;
      op.mem.displacement = disp8;
      mem_addr_ = test_.init.gpr[emu::kRsp] + disp8;
      break;
    case 0:  // [base]
      op.mem.base = FreeBase(0);
      WriteGpr(test_.init, op.mem.base, addr);
      break;
    case 1:  // [base + disp8]
    case 2:  // [base + disp32]
      op.mem.base = FreeBase(0);
      op.mem.displacement = rng_.Chance(1, 2) ? disp8 : disp32;
      WriteGpr(test_.init, op.mem.base, addr - op.mem.displacement);
      break;
    case 3: {  // [base + index*scale + disp]
      op.mem.base = FreeBase(0);
      op.mem.index = FreeBase(Bit(GprSlot(op.mem.base)));
      op.mem.scale = kScales[rng_.Below(4)];
      op.mem.displacement = rng_.Chance(1, 3) ? 0 : (rng_.Chance(1, 2) ? disp8 : disp32);
      const uint64_t index = rng_.Chance(1, 2) ? RegisterValue(rng_) : rng_.Below(64);
      WriteGpr(test_.init, op.mem.index, index);
      WriteGpr(test_.init, op.mem.base, addr - op.mem.displacement - index * op.mem.scale);
      break;
    }
    case 4:  // [disp32], absolute
      op.mem.displacement = static_cast<int64_t>(addr);
      break;
    case 5:  // [rip + disp32]; the absolute encoder turns the address into the displacement
      op.mem.base = ZYDIS_REGISTER_RIP;
      op.mem.displacement = static_cast<int64_t>(addr);
      break;
    default: {  // [index*scale + disp32], no base
      op.mem.index = FreeBase(0);
      op.mem.scale = kScales[rng_.Below(4)];
      const int64_t index = rng_.Range(-0x100000, 0x100000);
      WriteGpr(test_.init, op.mem.index, static_cast<uint64_t>(index));
      op.mem.displacement = static_cast<int64_t>(addr) - index * op.mem.scale;
      break;
    }
  }
}

void Builder::ChooseOperand(size_t i) {
  const OperandSpec spec = form_.operands[i];
  ZydisEncoderOperand& op = request_.operands[i];
  op = ZydisEncoderOperand{};
  switch (spec.kind) {
    case OperandKind::kReg: {
      ZydisRegister reg = RandomGpr(rng_, spec.bits);
      if (rule_ == Rule::kIndirectBranch) {
        // The target register holds a pad address; RSP cannot, CALL pushes through it.
        const unsigned slot = GprSlot(FreeBase(0));
        reg = GprOfWidth(slot, 64);
        test_.init.gpr[slot] = PadAddress(static_cast<Pad>(rng_.Range(kPadNearBack, kPadFarBack)), 0);
        pinned_ |= Bit(slot);
      }
      op = RegisterOperand(reg);
      break;
    }
    case OperandKind::kHighReg: op = RegisterOperand(HighByte(static_cast<unsigned>(rng_.Below(4)))); break;
    case OperandKind::kXmm:
      op = RegisterOperand(static_cast<ZydisRegister>(ZYDIS_REGISTER_XMM0 + rng_.Below(16)));
      break;
    case OperandKind::kCl: {
      op = RegisterOperand(ZYDIS_REGISTER_CL);
      shift_count_ = LimitCount(form_, CountValue(rng_, form_.width));
      WriteGpr(test_.init, ZYDIS_REGISTER_CL, shift_count_);
      break;
    }
    case OperandKind::kCount:
      op.type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
      shift_count_ = LimitCount(form_, CountValue(rng_, form_.width));
      op.imm.u = shift_count_;
      break;
    case OperandKind::kOne:
      op.type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
      op.imm.u = shift_count_ = 1;
      break;
    case OperandKind::kImm:
      op.type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
      op.imm.u = ImmediateValue(form_, spec.bits, rng_);
      break;
    case OperandKind::kRel: {
      const Pad target = spec.bits == 8 ? static_cast<Pad>(rng_.Range(kPadNearBack, kPadNearAhead))
                                        : static_cast<Pad>(rng_.Range(kPadFarAhead, kPadFarBack));
      op.type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
      op.imm.u = PadAddress(target, 0);
      request_.branch_width = spec.bits == 8 ? ZYDIS_BRANCH_WIDTH_8 : ZYDIS_BRANCH_WIDTH_32;
      break;
    }
    case OperandKind::kMem:
    case OperandKind::kFill:
      break;  // memory comes last, once the register choices are known
  }
}

uint64_t Builder::ReadMem(uint64_t addr, unsigned bytes) const {
  const bool in_stack = addr >= kStackWindow && addr < kStackWindow + kWindowBytes;
  const uint8_t* base = in_stack ? test_.stack.data() + (addr - kStackWindow) : test_.data.data() + (addr - kDataWindow);
  uint64_t value = 0;
  std::memcpy(&value, base, bytes);
  return value;
}

void Builder::WriteMem(uint64_t addr, uint64_t value, unsigned bytes) {
  const bool in_stack = addr >= kStackWindow && addr < kStackWindow + kWindowBytes;
  uint8_t* base = in_stack ? test_.stack.data() + (addr - kStackWindow) : test_.data.data() + (addr - kDataWindow);
  std::memcpy(base, &value, bytes);
}

uint64_t Builder::OperandValue(size_t i) const {
  const ZydisEncoderOperand& op = request_.operands[i];
  if (op.type == ZYDIS_OPERAND_TYPE_MEMORY) return ReadMem(mem_addr_, op.mem.size);
  return ReadGpr(test_.init, op.reg.value);
}

void Builder::SetOperandValue(size_t i, uint64_t value) {
  const ZydisEncoderOperand& op = request_.operands[i];
  if (op.type == ZYDIS_OPERAND_TYPE_MEMORY) {
    WriteMem(mem_addr_, value, op.mem.size);
  } else {
    WriteGpr(test_.init, op.reg.value, value);
  }
}

// Values that make the interesting outcomes common instead of rare.
void Builder::AdjustValues() {
  const unsigned w = form_.width;
  RegisterFile& regs = test_.init;
  switch (rule_) {
    case Rule::kDivide: {
      // dividend = high:low (AH:AL for bytes, rDX:rAX otherwise)
      const ZydisRegister low = w == 8 ? ZYDIS_REGISTER_AL : GprOfWidth(emu::kRax, w);
      const ZydisRegister high = w == 8 ? ZYDIS_REGISTER_AH : GprOfWidth(emu::kRdx, w);
      const uint64_t pick = rng_.Below(4);
      if (pick == 0) SetOperandValue(0, 0);  // #DE
      if (pick == 1 || pick == 2) {
        if (OperandValue(0) == 0) SetOperandValue(0, 1 + rng_.Below(7));
        const bool negative = form_.mnemonic == ZYDIS_MNEMONIC_IDIV && (ReadGpr(regs, low) >> (w - 1)) & 1;
        WriteGpr(regs, high, negative ? ~0ull : 0);  // quotient fits (bar INT_MIN / -1)
      }
      break;
    }
    case Rule::kCompareExchange:
      if (rng_.Chance(1, 2)) WriteGpr(regs, GprOfWidth(emu::kRax, w), OperandValue(0));
      break;
    case Rule::kBitScan: {
      const uint64_t pick = rng_.Below(4);
      if (pick == 0) SetOperandValue(1, 0);
      if (pick == 1) SetOperandValue(1, 1ull << rng_.Below(w));
      if (OperandValue(1) == 0) test_.undefined_gprs |= Bit(GprSlot(request_.operands[0].reg.value));
      break;
    }
    case Rule::kIndirectBranch:
      if (request_.operands[0].type == ZYDIS_OPERAND_TYPE_MEMORY) {
        WriteMem(mem_addr_, PadAddress(static_cast<Pad>(rng_.Range(kPadNearBack, kPadFarBack)), 0), 8);
      }
      break;
    default: break;
  }
}

bool Builder::EncodeAndCheck() {
  request_.machine_mode = ZYDIS_MACHINE_MODE_LONG_64;
  request_.mnemonic = form_.mnemonic;
  request_.prefixes = PrefixAttribute(form_.prefix);
  // Legacy SSE only: the interpreter's scope has no VEX forms.
  request_.allowed_encodings = ZYDIS_ENCODABLE_ENCODING_LEGACY;
  // 64-bit addressing throughout (Zydis would pick 0x67 for some absolute
  // operands); only JECXZ is defined by its address-size prefix.
  if (form_.mnemonic != ZYDIS_MNEMONIC_JECXZ) request_.address_size_hint = ZYDIS_ADDRESS_SIZE_HINT_64;
  ZyanUSize length = test_.insn.size();
  if (!form_.operands.empty() && form_.operands[0].kind == OperandKind::kFill) {
    length = form_.operands[0].bits;
    if (!ZYAN_SUCCESS(ZydisEncoderNopFill(test_.insn.data(), length))) return false;
  } else if (!ZYAN_SUCCESS(ZydisEncoderEncodeInstructionAbsolute(&request_, test_.insn.data(), &length,
                                                                  kInsnAddr))) {
    return false;
  }
  test_.insn_len = static_cast<uint8_t>(length);
  const auto flags = CheckEncoding(form_, test_.insn.data(), test_.insn_len, shift_count_);
  if (!flags) return false;
  test_.undefined_flags = *flags;
  return true;
}

bool Builder::Build() {
  RandomizeState();
  PinImplicitRegisters();
  request_.operand_count = static_cast<ZyanU8>(form_.operands.size());
  for (size_t i = 0; i < form_.operands.size(); ++i) ChooseOperand(i);
  for (size_t i = 0; i < form_.operands.size(); ++i) {
    if (form_.operands[i].kind == OperandKind::kMem) ChooseMemory(request_.operands[i], form_.operands[i].bits / 8);
    if (form_.operands[i].kind == OperandKind::kFill) request_.operand_count = 0;
  }
  // A bit offset in a register addresses memory outside the operand: keep it
  // within +-64 bytes so the access stays in the window.
  if (rule_ == Rule::kBitTest && form_.operands[0].kind == OperandKind::kMem &&
      form_.operands[1].kind == OperandKind::kReg) {
    const ZydisRegister offset = request_.operands[1].reg.value;
    const ZydisEncoderOperand& mem = request_.operands[0];
    const auto same_slot = [&](ZydisRegister reg) {
      return ZydisRegisterGetClass(reg) == ZYDIS_REGCLASS_GPR64 && GprSlot(reg) == GprSlot(offset);
    };
    if (same_slot(mem.mem.base) || same_slot(mem.mem.index)) return false;
    WriteGpr(test_.init, offset, static_cast<uint64_t>(rng_.Range(-512, 511)));
  }
  AdjustValues();
  return EncodeAndCheck();
}

}  // namespace

GenerateResult GenerateCase(const Form& form, uint64_t seed, uint64_t index) {
  Rng rng(seed, index);
  for (unsigned attempt = 0; attempt < kAttempts; ++attempt) {
    GenerateResult result;
    result.test.form = &form;
    result.test.index = index;
    Builder builder(form, rng, result.test);
    if (builder.Build()) return result;
  }
  return {TestCase{}, fmt::format("no encodable instance of '{}' in {} attempts", form.name, kAttempts)};
}

}  // namespace goemu::difftest
