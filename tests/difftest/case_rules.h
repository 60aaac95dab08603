// Per-family knowledge the generator needs: which registers an instruction
// uses implicitly, how to bias its values, and which results the SDM leaves
// undefined for a given instance.
#pragma once
#include <Zydis/Zydis.h>

#include <cstdint>
#include <optional>

#include "tests/difftest/form_table.h"
#include "tests/difftest/rng.h"

namespace goemu::difftest {

enum class Rule : uint8_t {
  kPlain,
  kString,           // MOVS/STOS/LODS/CMPS/SCAS: RSI, RDI, RCX, DF
  kCounterBranch,    // JRCXZ, JECXZ, LOOP*: RCX decides
  kReturn,           // RET: the stack top must be a landing pad
  kPopFlags,         // POPFQ: the stack top must be a safe RFLAGS image
  kIndirectBranch,   // JMP/CALL through a register or memory
  kDivide,           // DIV/IDIV: RDX:RAX vs divisor decides #DE
  kCompareExchange,  // CMPXCHG: RAX vs destination decides
  kBitScan,          // BSF/BSR: a zero source leaves the destination undefined
  kBitTest,          // BT/BTS/BTR/BTC: register bit offsets reach outside the operand
  kShift,            // shifts and rotates: count 0 and 1 refine the undefined flags
};

Rule RuleFor(const Form& form);

// CMPS/SCAS: the instructions REPE/REPNE stop early on.
bool IsRepeatCompare(ZydisMnemonic mnemonic);

ZydisInstructionAttributes PrefixAttribute(Prefix prefix);

// A 16-bit SHLD/SHRD by more than 16 leaves the destination undefined
// (SDM Vol. 2B, SHLD): counts are drawn from the defined range.
uint8_t LimitCount(const Form& form, uint8_t count);

// An immediate for operand kind `bits` (sign-extended where the encoding is).
uint64_t ImmediateValue(const Form& form, unsigned bits, Rng& rng);

// Decodes `bytes` and checks they are an instance of `form` (mnemonic, prefix,
// operand size, immediate size). Returns the RFLAGS bits to leave out of the
// comparison: Zydis' undefined set, narrowed where the SDM defines them for
// this instance (a zero shift count changes no flag; a count of 1 defines OF).
std::optional<uint32_t> CheckEncoding(const Form& form, const uint8_t* bytes, size_t length,
                                      uint8_t shift_count);

// Intel-syntax text of one instruction at kInsnAddr.
std::string Disassemble(const uint8_t* bytes, size_t length);

}  // namespace goemu::difftest
