// Tokens of Go's amd64 assembly language and the tokenizer for one (comment-free) line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isa/assembler.h"

namespace goemu::isa {

enum class TokKind { kIdent, kInt, kFloat, kString, kPunct };

struct Token {
  TokKind kind = TokKind::kPunct;
  std::string text;    // identifier spelling (UTF-8, `·` kept), punctuation, or string contents
  uint64_t value = 0;  // kInt: the value (char literals included)
  double fvalue = 0;   // kFloat
  SourceLoc loc;
  bool Is(std::string_view punct) const { return kind == TokKind::kPunct && text == punct; }
};

// A logical line: what the preprocessor hands the parser, with the raw text for diagnostics.
struct TokLine {
  std::vector<Token> toks;
  std::string source;  // the physical line(s) as written, for carets
};

class DiagSink;

// Splits `text` (one logical line, comments already removed) into tokens. `loc` gives the file
// and line; columns are 1-based offsets into `text`. Errors (bad number, unterminated literal)
// go to `diags` with `source` as the quoted line.
std::vector<Token> Tokenize(std::string_view text, const SourceLoc& loc, std::string_view source,
                            DiagSink& diags);

}  // namespace goemu::isa
