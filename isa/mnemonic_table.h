// Lookup into the Go mnemonic table (isa/mnemonics.inc).
#pragma once

#include <Zydis/Zydis.h>

#include <string_view>

namespace goemu::isa {

enum class OrderRule { kRev, kKeep, kMov, kShift, kExtend, kBranch, kRet, kNone, kString, kPrefix, kSse, kPseudo, kRaw };

struct MnemonicInfo {
  std::string_view go_name;
  ZydisMnemonic mnemonic;
  int width;      // operand width in bits (0: none or implied)
  int src_width;  // kExtend: width of the source operand
  OrderRule rule;
};

// nullptr for a mnemonic goemu does not know (which is an error, never a guess).
const MnemonicInfo* LookupMnemonic(std::string_view go_name);

}  // namespace goemu::isa
