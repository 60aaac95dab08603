// What Go's assembler inserts around a TEXT body (obj6.go preprocess + stacksplit): the
// stack-split check and morestack stub, frame allocation, BP save, WRAPPER prologue,
// epilogues at each RET, pseudo-register (FP, pseudo-SP) rewriting and SP tracking.
#pragma once

#include <vector>

#include "isa/assembler.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

struct FramedFunction {
  std::vector<Prog> progs;  // final order; targets index this vector
  uint32_t flags = 0;       // declared flags plus an automatic NOSPLIT
  int64_t frame = 0;        // autoffset: declared frame plus the BP slot
};

FramedFunction BuildFrame(const Function& fn, const AssembleOptions& options, DiagSink& diags);

}  // namespace goemu::isa
