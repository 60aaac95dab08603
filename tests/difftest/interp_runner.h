// Runs a test case in goemu's interpreter, with the same pages at the same
// addresses as the native sandbox.
#pragma once
#include "tests/difftest/outcome.h"
#include "tests/difftest/test_case.h"

namespace goemu::difftest {

Outcome RunInterpreter(const TestCase& test);

}  // namespace goemu::difftest
