// Statement parser: turns preprocessed lines into TEXT functions (progs with Go-order
// operands, labels resolved to prog indices) and DATA/GLOBL statements.
#pragma once

#include <vector>

#include "isa/assembler.h"
#include "isa/lexer.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

Program Parse(const std::vector<TokLine>& lines, const AssembleOptions& options, DiagSink& diags);

// "·name" -> "pkg.name", "runtime·x" -> "runtime.x", division slash -> '/'.
std::string LinkerName(std::string_view ident, std::string_view package);

}  // namespace goemu::isa
