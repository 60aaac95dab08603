// The runtime model as assembled objects (package runtime), ready to link with a program.
// Assembling runtime_model/asm/ takes most of `goemu run`'s start-up (the preprocessor reads
// the generated go_asm.h once per file), so the build assembles it once for go1.13 with
// goemu_rtcache and embeds the encoded objects (object_codec.h); `goemu run` decodes them.
// A test checks that the embedded objects equal a fresh assembly of the embedded sources.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isa/assembler.h"

namespace goemu::rt {

// The file name the runtime's embedded sources report in diagnostics, line tables and
// tracebacks: "runtime_model/asm/<name>", their path in the goemu source tree.
std::string RuntimeSourcePath(std::string_view name);

// Serves the headers the runtime assembly includes: the generated go_asm.h, goemu's go1.13
// textflag.h and the runtime's own goemu_rt.h. Anything else falls through to the assembler.
isa::IncludeProvider RuntimeIncludeProvider();

struct RuntimeObjects {
  std::vector<isa::Object> objects;  // one per source file, in link order
  std::vector<isa::Diagnostic> diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// Assembles the embedded runtime sources (every .s of runtime_model/asm/ by name, then the
// generated runtime_messages.s) as package runtime with go_version's prologue rules.
RuntimeObjects AssembleRuntime(isa::GoVersion go_version);

// The objects goemu_rtcache assembled for go1.13 when goemu was built, encoded
// (EncodeObjects); defined in the generated runtime_objects_cache.cpp.
std::string_view CachedRuntimeBlob();

}  // namespace goemu::rt
