// The instruction forms under test: mnemonic x operand kinds x width, parsed
// once from forms.inc. A form is the unit of coverage the summary counts.
#pragma once
#include <Zydis/Zydis.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace goemu::difftest {

enum class OperandKind : uint8_t {
  kReg,      // general register of `bits`
  kHighReg,  // AH, CH, DH or BH
  kMem,      // memory operand of `bits`
  kImm,      // immediate of `bits` (8 = sign-extended imm8)
  kCount,    // 8-bit shift count or bit index
  kOne,      // the constant 1
  kCl,       // the CL register
  kRel,      // branch displacement of `bits`
  kXmm,      // XMM register
  kFill,     // Zydis' `bits`-byte NOP (the form's only operand)
};

struct OperandSpec {
  OperandKind kind;
  uint16_t bits;
};

enum class Prefix : uint8_t { kNone, kLock, kRep, kRepe, kRepne };

struct Form {
  std::string name;  // "lock add m64, r64"
  ZydisMnemonic mnemonic;
  Prefix prefix;
  std::vector<OperandSpec> operands;
  // Width of the operation in bits: the first sized operand, or the width
  // implied by the mnemonic for implicit-operand forms (movsq = 64).
  unsigned width;
};

// All forms of forms.inc, in table order.
std::span<const Form> AllForms();

// Forms whose name contains `filter` (case-insensitive); all when empty.
std::vector<const Form*> SelectForms(std::string_view filter);

// Several names per line, each line at most `columns` wide.
std::string FormatFormList(std::span<const Form* const> forms, size_t columns = 100);

}  // namespace goemu::difftest
