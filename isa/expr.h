// Constant expressions in operands: Go's asm precedence (* / % << >> & bind tighter than
// + - | ^), unary - + ~ ^, parentheses, integer and character literals.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "isa/lexer.h"

namespace goemu::isa {

class DiagSink;

// Parses an expression starting at toks[pos], advancing pos past it. On a syntax error or a
// division by zero reports to `diags` (quoting `source`) and returns nullopt.
std::optional<int64_t> ParseExpr(const std::vector<Token>& toks, size_t& pos, DiagSink& diags,
                                 const std::string& source);

// True when toks[pos] can start an expression.
bool StartsExpr(const std::vector<Token>& toks, size_t pos);

}  // namespace goemu::isa
