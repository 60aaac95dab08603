// The runtime model's Go assembly as goemu carries it: the files of runtime_model/asm/ are
// embedded at build time (cmake/embed_sources.cmake), so `goemu run` works from any directory
// and always runs the runtime it was built with.
#pragma once

#include <span>
#include <string_view>

namespace goemu::rt {

struct EmbeddedFile {
  std::string_view name;  // file name inside runtime_model/asm/, e.g. "proc_sched.s"
  std::string_view text;
};

// Every .s and .h file of runtime_model/asm/, sorted by name.
std::span<const EmbeddedFile> EmbeddedRuntimeFiles();

}  // namespace goemu::rt
