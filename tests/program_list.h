// The programs of programs/ and programs/faults/ by name ("defer", "faults/nil_deref"), and
// the options a source's `// Run flags: ...` line asks `goemu run` for, for the test suites
// that run every program (tests/programs, tests/trace_golden). Needs GOEMU_SOURCE_DIR.
#pragma once
#include <string>
#include <vector>

namespace goemu::test {

std::vector<std::string> ProgramNames();
std::vector<std::string> RunFlags(const std::string& source);

}  // namespace goemu::test
