// The programs of programs/ and programs/faults/ by name ("defer", "faults/nil_deref"), and
// the `// Run flags: ...` line a source may carry (tests/programs honours it too).
#pragma once
#include <string>
#include <vector>

namespace goemu::trace::golden {

std::vector<std::string> ProgramNames();
std::vector<std::string> RunFlags(const std::string& source);

}  // namespace goemu::trace::golden
