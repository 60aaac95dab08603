// Building a runnable program: the user's package main assembled together with the runtime
// model (package runtime), linked into one Image whose entry is _rt0_amd64_linux.
#pragma once

#include <string>
#include <vector>

#include "isa/assembler.h"

namespace goemu::rt {

// The file name the runtime's embedded sources report in diagnostics, line tables and
// tracebacks: "runtime_model/asm/<name>", their path in the goemu source tree.
std::string RuntimeSourcePath(std::string_view name);

// Serves the headers the runtime assembly includes: the generated go_asm.h, goemu's go1.13
// textflag.h and the runtime's own goemu_rt.h. Anything else falls through to the assembler.
isa::IncludeProvider RuntimeIncludeProvider();

struct BuildResult {
  isa::Image image;
  std::vector<isa::Diagnostic> diagnostics;  // assembly or link errors, file:line:col
  bool ok() const { return diagnostics.empty(); }
};

// Assembles `paths` as package main and the runtime model as package runtime (with
// runtime_messages.s generated from messages.inc), then links them. The program must define
// main·main. go_version selects the assembler's prologue rules; the runtime is go1.13's, so
// callers only pass kGo113 today.
BuildResult BuildProgram(const std::vector<std::string>& paths,
                         isa::GoVersion go_version = isa::GoVersion::kGo113);

}  // namespace goemu::rt
