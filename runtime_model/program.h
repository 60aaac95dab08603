// Building a runnable program: the user's package main assembled together with the runtime
// model (package runtime), linked into one Image whose entry is _rt0_amd64_linux.
#pragma once

#include <string>
#include <vector>

#include "isa/assembler.h"
#include "runtime_model/runtime_objects.h"

namespace goemu::rt {

struct BuildResult {
  isa::Image image;
  std::vector<isa::Diagnostic> diagnostics;  // assembly or link errors, file:line:col
  bool ok() const { return diagnostics.empty(); }
};

// Assembles `paths` as package main and links them with the runtime model (package runtime,
// runtime_objects.h: the objects assembled at build time for kGo113, a fresh assembly of its
// sources for any other version). The program must define main·main. go_version selects the
// assembler's prologue rules; the runtime is go1.13's, so callers only pass kGo113 today.
BuildResult BuildProgram(const std::vector<std::string>& paths,
                         isa::GoVersion go_version = isa::GoVersion::kGo113);

}  // namespace goemu::rt
