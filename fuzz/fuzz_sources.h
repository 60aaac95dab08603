// Splits one fuzzer input into several assembly sources, so the assembler and linker targets
// can explore #include graphs and multi-object links from a single byte string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace goemu::fuzz {

// A line holding exactly this text ends one source and starts the next. It is not valid
// assembly, so seeds stay readable and the separator never collides with real input.
inline constexpr std::string_view kSourceSeparator = "----";

// Parts in input order; an input without separators is one part. Parts beyond max_parts are
// folded into the last one so a run never assembles an unbounded number of files.
std::vector<std::string> SplitSources(const uint8_t* data, size_t size, size_t max_parts);

}  // namespace goemu::fuzz
