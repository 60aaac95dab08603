// The assembler's C-like preprocessor: comments, line splicing, #include, #define (object- and
// function-like, multi-line), #undef, #ifdef/#ifndef/#else/#endif. Produces one TokLine per
// statement (`;` splits statements, as in Go).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "isa/assembler.h"
#include "isa/lexer.h"

namespace goemu::isa {

class DiagSink;

struct Macro {
  std::string name;
  bool function_like = false;
  std::vector<std::string> params;
  std::vector<Token> body;
};

class Preprocessor {
 public:
  Preprocessor(const AssembleOptions& options, DiagSink& diags);

  // Appends the statements of `path` (whose contents are `text`) to `out`.
  void Run(const std::string& path, std::string_view text, std::vector<TokLine>& out);

 private:
  struct Cond {
    bool active;        // are lines in this branch assembled
    bool parent_active; // was the enclosing region active
    bool else_seen;
    SourceLoc loc;
    std::string source;  // the #ifdef line, for the unterminated-#ifdef diagnostic
  };

  void Directive(const std::vector<Token>& toks, const std::string& source, const std::string& path,
                 std::vector<Cond>& conds, std::vector<TokLine>& out);
  void Include(const Token& name_tok, const std::string& source, const std::string& path,
               std::vector<TokLine>& out);
  void Define(const std::vector<Token>& toks, const std::string& source);
  std::vector<Token> Expand(const std::vector<Token>& toks, std::vector<std::string>& disabled,
                            const std::string& source);
  bool Active(const std::vector<Cond>& conds) const { return conds.empty() || conds.back().active; }

  const AssembleOptions& options_;
  DiagSink& diags_;
  std::map<std::string, Macro> macros_;
  int depth_ = 0;
  int includes_ = 0;           // #include files read so far, across nesting
  bool include_overflow_ = false;  // the nesting limit was reported
  size_t expanded_tokens_ = 0; // tokens produced by macro expansion on the current line
};

}  // namespace goemu::isa
