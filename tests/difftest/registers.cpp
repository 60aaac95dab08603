#include "tests/difftest/registers.h"

#include <array>

namespace goemu::difftest {

namespace {
constexpr std::array<ZydisRegister, 4> kHighBytes = {ZYDIS_REGISTER_AH, ZYDIS_REGISTER_CH,
                                                     ZYDIS_REGISTER_DH, ZYDIS_REGISTER_BH};
constexpr std::array<ZydisRegister, 16> kLowBytes = {
    ZYDIS_REGISTER_AL,  ZYDIS_REGISTER_CL,   ZYDIS_REGISTER_DL,   ZYDIS_REGISTER_BL,
    ZYDIS_REGISTER_SPL, ZYDIS_REGISTER_BPL,  ZYDIS_REGISTER_SIL,  ZYDIS_REGISTER_DIL,
    ZYDIS_REGISTER_R8B, ZYDIS_REGISTER_R9B,  ZYDIS_REGISTER_R10B, ZYDIS_REGISTER_R11B,
    ZYDIS_REGISTER_R12B, ZYDIS_REGISTER_R13B, ZYDIS_REGISTER_R14B, ZYDIS_REGISTER_R15B};
}  // namespace

bool IsHighByte(ZydisRegister reg) {
  return reg == ZYDIS_REGISTER_AH || reg == ZYDIS_REGISTER_CH || reg == ZYDIS_REGISTER_DH ||
         reg == ZYDIS_REGISTER_BH;
}

unsigned GprSlot(ZydisRegister reg) {
  const ZydisRegister full = ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, reg);
  return static_cast<unsigned>(ZydisRegisterGetId(full));
}

unsigned RegisterBits(ZydisRegister reg) {
  return ZydisRegisterGetWidth(ZYDIS_MACHINE_MODE_LONG_64, reg);
}

ZydisRegister GprOfWidth(unsigned slot, unsigned bits) {
  switch (bits) {
    case 8: return kLowBytes[slot];
    case 16: return ZydisRegisterEncode(ZYDIS_REGCLASS_GPR16, static_cast<ZyanU8>(slot));
    case 32: return ZydisRegisterEncode(ZYDIS_REGCLASS_GPR32, static_cast<ZyanU8>(slot));
    default: return ZydisRegisterEncode(ZYDIS_REGCLASS_GPR64, static_cast<ZyanU8>(slot));
  }
}

ZydisRegister HighByte(unsigned which) { return kHighBytes[which % kHighBytes.size()]; }

ZydisRegister RandomGpr(Rng& rng, unsigned bits) {
  if (bits == 8 && rng.Chance(1, 5)) return HighByte(static_cast<unsigned>(rng.Below(4)));
  return GprOfWidth(static_cast<unsigned>(rng.Below(16)), bits);
}

uint64_t ReadGpr(const RegisterFile& regs, ZydisRegister reg) {
  const uint64_t full = regs.gpr[GprSlot(reg)];
  if (IsHighByte(reg)) return (full >> 8) & 0xff;
  return Truncate(full, RegisterBits(reg));
}

void WriteGpr(RegisterFile& regs, ZydisRegister reg, uint64_t value) {
  uint64_t& full = regs.gpr[GprSlot(reg)];
  const unsigned shift = IsHighByte(reg) ? 8 : 0;
  const uint64_t mask = Truncate(~0ull, RegisterBits(reg)) << shift;
  full = (full & ~mask) | ((value << shift) & mask);
}

}  // namespace goemu::difftest
