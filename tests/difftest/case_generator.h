// Builds random instances of a form: picks registers, addressing modes and
// values (edge-biased), encodes the instruction with the Zydis encoder, and
// checks by decoding that the bytes really are the form asked for.
#pragma once
#include <cstdint>
#include <string>

#include "tests/difftest/form_table.h"
#include "tests/difftest/test_case.h"

namespace goemu::difftest {

struct GenerateResult {
  TestCase test;
  std::string error;  // empty on success; else why no instance could be built
  bool ok() const { return error.empty(); }
};

// Deterministic in (form, seed, index).
GenerateResult GenerateCase(const Form& form, uint64_t seed, uint64_t index);

}  // namespace goemu::difftest
