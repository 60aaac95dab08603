#include "tests/difftest/landing_pads.h"

#include <Zydis/Zydis.h>

#include <cstring>
#include <stdexcept>

namespace goemu::difftest {

namespace {

constexpr uint8_t kInt3 = 0xcc;

struct PadBytes {
  std::array<uint8_t, 32> bytes{};
  uint8_t length = 0;
};

void Append(PadBytes& out, ZydisEncoderRequest& request) {
  request.machine_mode = ZYDIS_MACHINE_MODE_LONG_64;
  ZyanUSize length = out.bytes.size() - out.length;
  if (!ZYAN_SUCCESS(ZydisEncoderEncodeInstruction(&request, out.bytes.data() + out.length, &length))) {
    throw std::logic_error("difftest: Zydis cannot encode a landing pad");
  }
  out.length = static_cast<uint8_t>(out.length + length);
}

ZydisEncoderOperand AbsoluteMemory(uint64_t address, uint16_t size) {
  ZydisEncoderOperand op{};
  op.type = ZYDIS_OPERAND_TYPE_MEMORY;
  op.mem.displacement = static_cast<int64_t>(address);
  op.mem.size = size;
  return op;
}

PadBytes EncodePad(Pad pad) {
  PadBytes out;
  ZydisEncoderRequest mark{};
  mark.mnemonic = ZYDIS_MNEMONIC_MOV;
  mark.operand_count = 2;
  mark.operands[0] = AbsoluteMemory(DIFFTEST_PAD_SLOT, 4);
  mark.operands[1].type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
  mark.operands[1].imm.u = pad;
  Append(out, mark);
  ZydisEncoderRequest jump{};
  jump.mnemonic = ZYDIS_MNEMONIC_JMP;
  jump.operand_count = 1;
  jump.operands[0] = AbsoluteMemory(DIFFTEST_SAVE_SLOT, 8);
  Append(out, jump);
  return out;
}

const std::array<PadBytes, kPadCount>& Pads() {
  static const std::array<PadBytes, kPadCount> pads = [] {
    std::array<PadBytes, kPadCount> out;
    for (uint32_t i = 0; i < kPadCount; ++i) out[i] = EncodePad(static_cast<Pad>(i));
    return out;
  }();
  return pads;
}

}  // namespace

uint64_t PadAddress(Pad pad, unsigned insn_len) {
  switch (pad) {
    case kPadFallThrough: return kInsnAddr + insn_len;
    case kPadNearBack: return kInsnAddr - 0x40;
    case kPadNearAhead: return kInsnAddr + 0x40;
    case kPadFarAhead: return kInsnAddr + 0x400;
    case kPadFarBack: return kInsnAddr - 0x400;
    case kPadCount: break;
  }
  return 0;
}

Pad PadAt(uint64_t addr, unsigned insn_len) {
  for (uint32_t i = 0; i < kPadCount; ++i) {
    if (PadAddress(static_cast<Pad>(i), insn_len) == addr) return static_cast<Pad>(i);
  }
  return kPadCount;
}

const CodePage& BaseCodePage() {
  static const CodePage page = [] {
    CodePage out;
    out.fill(kInt3);
    for (uint32_t i = kPadNearBack; i < kPadCount; ++i) {
      const PadBytes& pad = Pads()[i];
      std::memcpy(out.data() + (PadAddress(static_cast<Pad>(i), 0) - kCodePage), pad.bytes.data(), pad.length);
    }
    return out;
  }();
  return page;
}

CodePatch PatchFor(const TestCase& test) {
  CodePatch patch;
  std::memcpy(patch.bytes.data(), test.insn.data(), test.insn_len);
  const PadBytes& pad = Pads()[kPadFallThrough];
  std::memcpy(patch.bytes.data() + test.insn_len, pad.bytes.data(), pad.length);
  patch.length = static_cast<uint8_t>(test.insn_len + pad.length);
  return patch;
}

}  // namespace goemu::difftest
