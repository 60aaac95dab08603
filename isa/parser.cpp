// Parser for statements and operands (Go's cmd/asm grammar, amd64 subset).
#include "isa/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "isa/diag_sink.h"
#include "isa/expr.h"
#include "isa/operand_parser.h"

namespace goemu::isa {
namespace {

using Toks = std::vector<Token>;

// Go's linker refuses data sections over 2e9 bytes (cmd/link/internal/ld/data.go, cutoff).
constexpr int64_t kMaxSymbolSize = 2'000'000'000;
// The frame, plus the BP slot, must fit the sign-extended imm32 of SUBQ $frame, SP.
constexpr uint64_t kMaxFrameSize = 0x7fffffff - 8;
// args is printed and stored as an int32 (kArgsUnknown is 0x80000000).
constexpr uint64_t kMaxArgsSize = 0x7fffffff;

class Parser {
 public:
  Parser(const AssembleOptions& options, DiagSink& diags)
      : diags_(diags), operands_(options.package, diags) {}

  Program Run(const std::vector<TokLine>& lines) {
    for (const TokLine& line : lines) {
      if (diags_.Full()) break;
      source_ = &line.source;
      operands_.SetSource(line.source);
      Statement(line.toks);
    }
    FinishFunction();
    return std::move(program_);
  }

 private:
  void Error(const SourceLoc& loc, std::string msg) { diags_.Error(loc, std::move(msg), *source_); }

  void Statement(const Toks& toks) {
    size_t pos = 0;
    // Any number of labels may precede the instruction: `a: b: RET`.
    while (pos + 1 < toks.size() && toks[pos].kind == TokKind::kIdent && toks[pos + 1].Is(":")) {
      Label(toks[pos]);
      pos += 2;
    }
    if (pos >= toks.size()) return;
    const Token& head = toks[pos];
    if (head.kind != TokKind::kIdent) {
      Error(head.loc, fmt::format("unexpected '{}': expected an instruction or a label", head.text));
      return;
    }
    std::vector<Toks> operands = SplitOperands(toks, pos + 1);
    const std::string& op = head.text;
    if (op == "TEXT") return Text(head, operands);
    if (op == "GLOBL") return Globl(head, operands);
    if (op == "DATA") return Data(head, operands);
    if (!current_) {
      if (!after_bad_text_) Error(head.loc, fmt::format("{} outside a function: expected a TEXT directive first", op));
      return;
    }
    Prog prog;
    prog.op = op;
    prog.loc = head.loc;
    prog.source = *source_;
    for (const Toks& o : operands) {
      auto parsed = operands_.Parse(o, head);
      if (!parsed) return;
      prog.args.push_back(std::move(*parsed));
    }
    current_->progs.push_back(std::move(prog));
  }

  // Splits at commas outside parentheses. Empty operands are kept so they can be reported.
  std::vector<Toks> SplitOperands(const Toks& toks, size_t pos) {
    std::vector<Toks> out;
    if (pos >= toks.size()) return out;
    out.emplace_back();
    int depth = 0;
    for (size_t i = pos; i < toks.size(); ++i) {
      if (toks[i].Is("(")) ++depth;
      if (toks[i].Is(")")) --depth;
      if (toks[i].Is(",") && depth == 0) {
        out.emplace_back();
        continue;
      }
      out.back().push_back(toks[i]);
    }
    return out;
  }

  void Label(const Token& name) {
    if (!current_) {
      if (!after_bad_text_) Error(name.loc, fmt::format("label {} outside a function: expected a TEXT directive first", name.text));
      return;
    }
    if (auto [it, added] = label_lines_.emplace(name.text, name.loc.line); !added) {
      Error(name.loc, fmt::format("label {} defined twice in {} (first at line {})", name.text,
                                  current_->decl.name, it->second));
      return;
    }
    current_->label_names.push_back(name.text);
    current_->label_targets.push_back(static_cast<int>(current_->progs.size()));
  }

  // ---- TEXT / GLOBL / DATA ----

  // sym(SB) as the first operand of TEXT/GLOBL/DATA.
  bool SymbolOperand(const Toks& toks, const Token& head, std::string& name, int64_t* off) {
    auto op = operands_.Parse(toks, head);
    if (!op) return false;
    if (op->kind != OpKind::kMem || (op->name != AddrName::kExtern && op->name != AddrName::kStatic)) {
      Error(toks.empty() ? head.loc : toks[0].loc, fmt::format("{} expects a symbol of the form name(SB)", head.text));
      return false;
    }
    if (!off && op->offset != 0) {
      Error(toks[0].loc, fmt::format("{} symbol must not have an offset", head.text));
      return false;
    }
    if (off) *off = op->offset;
    name = op->sym;
    return true;
  }

  std::optional<int64_t> FlagsOperand(const Toks& toks, const Token& head) {
    size_t pos = 0;
    if (toks.empty()) {
      Error(head.loc, fmt::format("{} has an empty flags operand", head.text));
      return std::nullopt;
    }
    auto v = ParseExpr(toks, pos, diags_, *source_);
    if (v && pos != toks.size()) {
      Error(toks[pos].loc, fmt::format("unexpected '{}' after {} flags", toks[pos].text, head.text));
      return std::nullopt;
    }
    return v;
  }

  void Text(const Token& head, const std::vector<Toks>& operands) {
    FinishFunction();
    after_bad_text_ = true;  // until this TEXT turns out well-formed
    if (operands.size() < 2 || operands.size() > 3) {
      Error(head.loc, "TEXT expects name(SB), [flags,] $frame[-args]");
      return;
    }
    TextDecl decl;
    decl.loc = head.loc;
    decl.source = *source_;
    if (!SymbolOperand(operands[0], head, decl.name, nullptr)) return;
    if (operands.size() == 3) {
      auto flags = FlagsOperand(operands[1], head);
      if (!flags) return;
      decl.flags = static_cast<uint32_t>(*flags);
    }
    if (!FrameSpec(operands.back(), head, decl)) return;
    program_.functions.push_back(Function{});
    current_ = &program_.functions.back();
    current_->decl = std::move(decl);
    label_lines_.clear();
    after_bad_text_ = false;
  }

  // $frame or $frame-args with literal integers, as Go's parser insists.
  bool FrameSpec(const Toks& t, const Token& head, TextDecl& decl) {
    const SourceLoc& at = t.empty() ? head.loc : t[0].loc;
    const char* expected = "bad frame size: expected $frame or $frame-args with integer literals (e.g. $16-8)";
    if (t.empty() || !t[0].Is("$")) {
      Error(at, expected);
      return false;
    }
    size_t i = 1;
    bool negative = i < t.size() && t[i].Is("-");
    if (negative) ++i;
    if (i >= t.size() || t[i].kind != TokKind::kInt) {
      Error(i < t.size() ? t[i].loc : at, expected);
      return false;
    }
    if (t[i].value > kMaxFrameSize) {
      Error(t[i].loc, fmt::format("frame size {} too large: expected at most {} (SUBQ $imm32, SP)", t[i].value, kMaxFrameSize));
      return false;
    }
    decl.frame = negative ? -static_cast<int64_t>(t[i].value) : static_cast<int64_t>(t[i].value);
    ++i;
    if (i < t.size()) {
      if (i + 2 != t.size() || !t[i].Is("-") || t[i + 1].kind != TokKind::kInt) {
        Error(t[i].loc, "bad argument size: expected -args with an integer literal after the frame size");
        return false;
      }
      if (t[i + 1].value > kMaxArgsSize) {
        Error(t[i + 1].loc, fmt::format("argument size {} too large: expected at most {}", t[i + 1].value, kMaxArgsSize));
        return false;
      }
      decl.args = static_cast<int64_t>(t[i + 1].value);
    }
    return true;
  }

  void Globl(const Token& head, const std::vector<Toks>& operands) {
    if (operands.size() < 2 || operands.size() > 3) {
      Error(head.loc, "GLOBL expects name(SB), [flags,] $size");
      return;
    }
    GlobalStmt g;
    g.loc = head.loc;
    g.source = *source_;
    if (!SymbolOperand(operands[0], head, g.sym, nullptr)) return;
    if (operands.size() == 3) {
      auto flags = FlagsOperand(operands[1], head);
      if (!flags) return;
      g.flags = static_cast<uint32_t>(*flags);
    }
    auto size = operands_.Parse(operands.back(), head);
    if (!size) return;
    if (size->kind != OpKind::kImm || size->offset < 0) {
      Error(size->loc, "GLOBL size must be a non-negative $constant");
      return;
    }
    if (size->offset > kMaxSymbolSize) {
      Error(size->loc, fmt::format("GLOBL size {} too large: expected at most {} bytes, as Go's linker", size->offset, kMaxSymbolSize));
      return;
    }
    g.size = size->offset;
    program_.globals.push_back(std::move(g));
  }

  void Data(const Token& head, const std::vector<Toks>& operands) {
    if (operands.size() != 2) {
      Error(head.loc, "DATA expects name+off(SB)/size, $value");
      return;
    }
    Toks target = operands[0];
    if (target.size() < 3 || !target[target.size() - 2].Is("/") || target.back().kind != TokKind::kInt) {
      Error(target.empty() ? head.loc : target.back().loc, "DATA target must end in /size (1, 2, 4 or 8)");
      return;
    }
    DataStmt d;
    d.loc = head.loc;
    d.source = *source_;
    d.size = static_cast<int>(std::min<uint64_t>(target.back().value, kMaxSymbolSize));
    const SourceLoc size_loc = target.back().loc;
    target.resize(target.size() - 2);
    if (!SymbolOperand(target, head, d.sym, &d.off)) return;
    auto value = operands_.Parse(operands[1], head);
    if (!value) return;
    d.value = std::move(*value);
    bool ok_size = d.value.kind == OpKind::kString ? d.size > 0
                   : (d.value.kind == OpKind::kFloat) ? (d.size == 4 || d.size == 8)
                   : (d.size == 1 || d.size == 2 || d.size == 4 || d.size == 8);
    if (!ok_size || (d.value.kind == OpKind::kAddr && d.size != 8 && d.size != 4)) {
      Error(size_loc, fmt::format("bad DATA size {}: expected 1, 2, 4 or 8 (4 or 8 for addresses and floats)", d.size));
      return;
    }
    if (d.value.kind != OpKind::kImm && d.value.kind != OpKind::kFloat && d.value.kind != OpKind::kString &&
        d.value.kind != OpKind::kAddr) {
      Error(d.value.loc, "DATA value must be $constant, $float, $\"string\" or $sym(SB)");
      return;
    }
    program_.data.push_back(std::move(d));
  }

  void FinishFunction() {
    if (!current_) return;
    Function& f = *current_;
    std::unordered_map<std::string_view, int> targets;
    for (size_t l = 0; l < f.label_names.size(); ++l) targets.emplace(f.label_names[l], f.label_targets[l]);
    for (size_t i = 0; i < f.progs.size(); ++i) {
      for (Operand& a : f.progs[i].args) {
        if (a.kind != OpKind::kBranch) continue;
        source_ = &f.progs[i].source;
        if (a.pc_relative) {
          int64_t target = static_cast<int64_t>(i) + a.offset;
          if (target < 0 || target > static_cast<int64_t>(f.progs.size())) {
            Error(a.loc, fmt::format("branch {}(PC) leaves {}: expected a target inside the function", a.offset, f.decl.name));
            f.progs[i].bad = true;
            continue;
          }
          f.progs[i].target = static_cast<int>(target);
          continue;
        }
        auto found = targets.find(a.sym);
        if (found == targets.end()) {
          Error(a.loc, fmt::format("undefined label {} in {}: expected a label defined in the same TEXT", a.sym, f.decl.name));
          f.progs[i].bad = true;
          continue;
        }
        f.progs[i].target = found->second;
      }
    }
    ThreadJumps(f);
    current_ = nullptr;
  }

  // A branch to an unconditional JMP goes straight to that JMP's destination (obj/pass.go
  // linkpatch + brloop). A JMP cycle is left alone.
  static void ThreadJumps(Function& f) {
    constexpr int kMaxChain = 5000;
    for (Prog& p : f.progs) {
      if (p.target < 0) continue;
      int q = p.target;
      int steps = 0;
      while (q < static_cast<int>(f.progs.size()) && f.progs[static_cast<size_t>(q)].op == "JMP" &&
             f.progs[static_cast<size_t>(q)].target >= 0 && steps < kMaxChain) {
        q = f.progs[static_cast<size_t>(q)].target;
        ++steps;
      }
      if (steps < kMaxChain) p.target = q;
    }
  }

  DiagSink& diags_;
  OperandParser operands_;
  Program program_;
  Function* current_ = nullptr;
  // The body of a TEXT that was reported as malformed is skipped silently rather than reported
  // line by line as "outside a function".
  bool after_bad_text_ = false;
  std::unordered_map<std::string, int> label_lines_;  // labels of the current TEXT: name -> line
  const std::string* source_ = nullptr;
};

}  // namespace

std::string LinkerName(std::string_view ident, std::string_view package) {
  std::string out;
  if (ident.substr(0, 2) == "\xC2\xB7") out = std::string(package);
  for (size_t i = 0; i < ident.size();) {
    if (ident.substr(i, 2) == "\xC2\xB7") {
      out += '.';
      i += 2;
    } else if (ident.substr(i, 3) == "\xE2\x88\x95") {
      out += '/';
      i += 3;
    } else {
      out += ident[i++];
    }
  }
  return out;
}

Program Parse(const std::vector<TokLine>& lines, const AssembleOptions& options, DiagSink& diags) {
  return Parser(options, diags).Run(lines);
}

}  // namespace goemu::isa
