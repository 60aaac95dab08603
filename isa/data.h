// DATA/GLOBL: builds data symbols (contents, relocations, section kind) from the statements.
#pragma once

#include <vector>

#include "isa/assembler.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

std::vector<Symbol> BuildDataSymbols(const std::vector<GlobalStmt>& globals, const std::vector<DataStmt>& data,
                                     DiagSink& diags);

}  // namespace goemu::isa
