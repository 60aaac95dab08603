// Turns one TEXT function into a finished text Symbol: frame insertion, encoding, branch
// relaxation as Go's span6 does it, and the per-instruction side tables.
#pragma once

#include "isa/assembler.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

Symbol AssembleFunction(const Function& fn, const AssembleOptions& options, DiagSink& diags);

}  // namespace goemu::isa
