// Operand parser: Go's addressing syntax ($imm, registers, sym(SB), name+off(FP), name-off(SP),
// off(base)(index*scale), (TLS), n(PC), labels) into Operand values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "isa/lexer.h"
#include "isa/program.h"

namespace goemu::isa {

class DiagSink;

class OperandParser {
 public:
  OperandParser(std::string package, DiagSink& diags) : package_(std::move(package)), diags_(diags) {}

  // The line diagnostics quote.
  void SetSource(const std::string& source) { source_ = &source; }

  // Parses one comma-separated operand of the statement `head`; nullopt after reporting.
  std::optional<Operand> Parse(const std::vector<Token>& t, const Token& head);

 private:
  using Toks = std::vector<Token>;
  void Error(const SourceLoc& loc, std::string msg);
  static std::optional<double> FloatConstant(const Toks& t);
  static bool IsBaseName(const Token& t);
  std::optional<Operand> ParseMemOrConst(const Toks& t, const SourceLoc& loc, bool immediate);
  std::optional<Operand> Index(const Toks& t, size_t pos, Operand& op);

  std::string package_;
  DiagSink& diags_;
  const std::string* source_ = nullptr;
};

}  // namespace goemu::isa
