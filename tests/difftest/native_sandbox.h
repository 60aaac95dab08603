// Runs test cases on the host CPU. The cases execute in a forked child that
// maps the code, data and stack pages at the guest addresses (MAP_FIXED) and
// catches SIGSEGV/SIGFPE/SIGBUS/SIGILL/SIGTRAP on an alternate stack, so a
// faulting instruction becomes an Outcome; should the child die anyway, the
// parent records the case that killed it and restarts after it.
#pragma once
#include <span>
#include <vector>

#include "tests/difftest/outcome.h"
#include "tests/difftest/test_case.h"

namespace goemu::difftest {

std::vector<Outcome> RunNative(std::span<const TestCase> cases);

}  // namespace goemu::difftest
