// Reading assembly source files from disk, with the checks that keep bad input from hanging or
// exhausting the assembler: only regular files (a FIFO would block, a directory is no text),
// a size limit, and text only (a NUL byte or invalid UTF-8 means binary data).
#pragma once

#include <cstdint>
#include <string>

namespace goemu::isa {

// Larger than any Go runtime source (asm_amd64.s is about 60 KB) by a wide margin.
inline constexpr uint64_t kMaxSourceBytes = 16 * 1024 * 1024;

struct SourceRead {
  std::string text;
  std::string error;  // empty on success; otherwise "what went wrong: what was expected"
  bool ok() const { return error.empty(); }
};

SourceRead ReadSourceFile(const std::string& path);

}  // namespace goemu::isa
