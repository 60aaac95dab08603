// Operand parsing, following cmd/asm's parser.operand for amd64.
#include "isa/operand_parser.h"

#include <fmt/format.h>

#include "isa/diag_sink.h"
#include "isa/expr.h"
#include "isa/parser.h"
#include "isa/registers.h"

namespace goemu::isa {

void OperandParser::Error(const SourceLoc& loc, std::string msg) { diags_.Error(loc, std::move(msg), *source_); }

std::optional<Operand> OperandParser::Parse(const Toks& t, const Token& head) {
  if (t.empty()) {
    Error(head.loc, fmt::format("{} has an empty operand", head.text));
    return std::nullopt;
  }
  Operand op;
  op.loc = t[0].loc;
  if (t[0].Is("$")) {
    if (t.size() == 2 && t[1].kind == TokKind::kString) {
      op.kind = OpKind::kString;
      op.str = t[1].text;
      return op;
    }
    if (auto f = FloatConstant(t)) {
      op.kind = OpKind::kFloat;
      op.fvalue = *f;
      return op;
    }
    if (t.size() == 1) {
      Error(t[0].loc, "expected a constant or an address after '$'");
      return std::nullopt;
    }
    Toks rest(t.begin() + 1, t.end());
    auto inner = ParseMemOrConst(rest, op.loc, true);
    if (!inner) return std::nullopt;
    if (inner->kind == OpKind::kMem) {
      inner->kind = OpKind::kAddr;
    } else if (inner->kind != OpKind::kImm) {
      Error(t[1].loc, "expected a constant or an address after '$'");
      return std::nullopt;
    }
    inner->loc = op.loc;
    return inner;
  }
  if (t.size() == 1 && t[0].kind == TokKind::kIdent) {
    if (t[0].text == "TLS") {
      op.kind = OpKind::kReg;
      op.tls = true;
      return op;
    }
    if (auto reg = LookupRegister(t[0].text)) {
      op.kind = OpKind::kReg;
      op.reg = reg->reg;
      op.byte_name = reg->byte_name;
      return op;
    }
    op.kind = OpKind::kBranch;  // a label
    op.sym = t[0].text;
    return op;
  }
  return ParseMemOrConst(t, op.loc, false);
}

// $1.5, $-1.5, $(2.0), $-(0.5): a float literal under signs and parentheses.
std::optional<double> OperandParser::FloatConstant(const Toks& t) {
  size_t b = 1, e = t.size();
  double sign = 1;
  while (b < e) {
    if (t[b].Is("-") || t[b].Is("+")) {
      if (t[b].Is("-")) sign = -sign;
      ++b;
    } else if (t[b].Is("(") && t[e - 1].Is(")")) {
      ++b;
      --e;
    } else {
      break;
    }
  }
  if (b + 1 == e && t[b].kind == TokKind::kFloat) return sign * t[b].fvalue;
  return std::nullopt;
}

bool OperandParser::IsBaseName(const Token& t) {
  if (t.kind != TokKind::kIdent) return false;
  return t.text == "SB" || t.text == "FP" || t.text == "PC" || t.text == "TLS" || LookupRegister(t.text).has_value();
}

// [sym[<>]] [expr] [(base)] [(index*scale)] — or a plain constant when nothing follows the expr.
std::optional<Operand> OperandParser::ParseMemOrConst(const Toks& t, const SourceLoc& loc, bool immediate) {
  Operand op;
  op.loc = loc;
  size_t pos = 0;
  std::string sym;
  bool is_static = false;
  if (t[0].kind == TokKind::kIdent && !IsBaseName(t[0])) {
    sym = t[0].text;
    pos = 1;
    if (pos + 1 < t.size() && t[pos].Is("<") && t[pos + 1].Is(">")) {
      is_static = true;
      pos += 2;
    }
    if (pos < t.size() && (t[pos].Is("+") || t[pos].Is("-"))) {
      auto v = ParseExpr(t, pos, diags_, *source_);
      if (!v) return std::nullopt;
      op.offset = *v;
    }
  } else if (StartsExpr(t, 0) && !(t[0].Is("(") && t.size() > 1 && IsBaseName(t[1]))) {
    auto v = ParseExpr(t, pos, diags_, *source_);
    if (!v) return std::nullopt;
    op.offset = *v;
  }
  if (pos == t.size()) {
    if (!sym.empty()) {
      Error(t[0].loc, fmt::format("unknown register or symbol '{}': expected a register, name(SB), or a label", sym));
      return std::nullopt;
    }
    // A constant: with '$' an immediate, without it an absolute memory address (as in Go).
    op.kind = immediate ? OpKind::kImm : OpKind::kMem;
    return op;
  }
  if (pos + 5 == t.size() && t[pos].Is("(") && t[pos + 1].kind == TokKind::kIdent && t[pos + 2].Is("*") && sym.empty()) {
    op.kind = OpKind::kMem;  // off(index*scale): no base register
    return Index(t, pos, op);
  }
  if (!t[pos].Is("(") || pos + 2 >= t.size() || !t[pos + 2].Is(")") || t[pos + 1].kind != TokKind::kIdent) {
    Error(t[pos].loc, fmt::format("unexpected '{}' in operand: expected (register), (SB), (FP), (SP) or (PC)", t[pos].text));
    return std::nullopt;
  }
  const Token& base = t[pos + 1];
  pos += 3;
  op.kind = OpKind::kMem;
  if (base.text == "SB") {
    if (sym.empty()) {
      Error(base.loc, "(SB) needs a symbol: expected name(SB) or name+off(SB)");
      return std::nullopt;
    }
    op.name = is_static ? AddrName::kStatic : AddrName::kExtern;
    op.sym = LinkerName(sym, package_) + (is_static ? "<>" : "");
  } else if (base.text == "FP") {
    if (sym.empty()) {
      Error(base.loc, "cannot reference FP without a name: expected name+off(FP)");
      return std::nullopt;
    }
    op.name = AddrName::kParam;
    op.local = sym;
  } else if (base.text == "PC") {
    op.kind = OpKind::kBranch;
    op.pc_relative = true;
    return op;
  } else if (base.text == "TLS") {
    op.tls = true;
  } else {
    auto reg = LookupRegister(base.text);
    if (!reg || !IsGpr64(reg->reg) || reg->byte_name) {
      Error(base.loc, fmt::format("bad base register {}: expected a 64-bit register such as AX or R8", base.text));
      return std::nullopt;
    }
    if (!sym.empty() && reg->reg == ZYDIS_REGISTER_RSP) {
      op.name = AddrName::kAuto;  // name-off(SP): the pseudo-SP
      op.local = sym;
    } else if (!sym.empty()) {
      Error(t[0].loc, fmt::format("symbol {} not allowed with register {}: expected off({}) or name(SB)", sym, base.text, base.text));
      return std::nullopt;
    } else {
      op.base = reg->reg;
    }
  }
  if (pos < t.size()) return Index(t, pos, op);
  return op;
}

// The trailing (index*scale) of a memory operand, at t[pos].
std::optional<Operand> OperandParser::Index(const Toks& t, size_t pos, Operand& op) {
  {
    if (pos + 4 < t.size() && t[pos].Is("(") && t[pos + 1].kind == TokKind::kIdent && t[pos + 2].Is("*") &&
        t[pos + 3].kind == TokKind::kInt && t[pos + 4].Is(")") && pos + 5 == t.size()) {
      uint64_t scale = t[pos + 3].value;
      if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
        Error(t[pos + 3].loc, fmt::format("bad scale {}: expected 1, 2, 4 or 8", scale));
        return std::nullopt;
      }
      op.scale = static_cast<uint8_t>(scale);
      if (t[pos + 1].text == "TLS") {
        op.index_tls = true;
      } else {
        auto idx = LookupRegister(t[pos + 1].text);
        if (!idx || !IsGpr64(idx->reg) || idx->byte_name || idx->reg == ZYDIS_REGISTER_RSP) {
          Error(t[pos + 1].loc, fmt::format("bad index register {}: expected a 64-bit register other than SP", t[pos + 1].text));
          return std::nullopt;
        }
        op.index = idx->reg;
      }
      return op;
    }
    Error(t[pos].loc, "bad index: expected (register*scale) after the base");
    return std::nullopt;
  }
}

}  // namespace goemu::isa
