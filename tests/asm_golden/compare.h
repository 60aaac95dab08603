// Compares goemu's assembly of a corpus file with Go's golden listing of it: the same symbols,
// the same sizes, frame and argument sizes and flags (dupok, nosplit, topframe; the data
// section), and per instruction the same offset, the same bytes (relocated fields masked
// using the relocations of both sides) and the same source line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tests/asm_golden/asm_model.h"

namespace goemu::asm_golden {

struct Comparison {
  std::vector<std::string> problems;  // one readable block per problem, go side first
  std::vector<std::string> differing_mnemonics;  // Go mnemonic of each differing instruction
  int insns_compared = 0;  // instructions with bytes in the golden
  int insns_equal = 0;
  int data_unchecked = 0;  // data symbols whose contents goemu's JSON did not include
  bool ok() const { return problems.empty(); }
  // A report headed by `file_name`, listing at most `max_problems` problems.
  std::string Render(std::string_view file_name, size_t max_problems = 40) const;
};

Comparison CompareListings(const AsmListing& go, const AsmListing& goemu, std::string_view file_name);

}  // namespace goemu::asm_golden
