// Zydis register names <-> slots of a RegisterFile, including the partial
// registers (EAX, AX, AL, AH) a form may name.
#pragma once
#include <Zydis/Zydis.h>

#include <cstdint>

#include "tests/difftest/rng.h"
#include "tests/difftest/sandbox_layout.h"

namespace goemu::difftest {

// Index into RegisterFile::gpr of the 64-bit register containing `reg`.
unsigned GprSlot(ZydisRegister reg);
bool IsHighByte(ZydisRegister reg);
unsigned RegisterBits(ZydisRegister reg);

// The register of `bits` in slot `slot` (8-bit slot 4..7 = SPL..DIL).
ZydisRegister GprOfWidth(unsigned slot, unsigned bits);
// AH, CH, DH or BH.
ZydisRegister HighByte(unsigned which);
// A general register of `bits`; 8-bit choices include AH..BH.
ZydisRegister RandomGpr(Rng& rng, unsigned bits);

uint64_t ReadGpr(const RegisterFile& regs, ZydisRegister reg);
// Writes the bits `reg` names and leaves the rest of the 64-bit register alone.
void WriteGpr(RegisterFile& regs, ZydisRegister reg, uint64_t value);

}  // namespace goemu::difftest
