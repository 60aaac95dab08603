// Recursive-descent constant expression evaluator (wrapping 64-bit arithmetic, as Go's asm).
#include "isa/expr.h"

#include <fmt/format.h>

#include "isa/diag_sink.h"

namespace goemu::isa {
namespace {

class ExprParser {
 public:
  ExprParser(const std::vector<Token>& toks, size_t& pos, DiagSink& diags, const std::string& source)
      : toks_(toks), pos_(pos), diags_(diags), source_(source) {}

  std::optional<int64_t> Expr() {
    auto lhs = Term();
    while (lhs && pos_ < toks_.size()) {
      const Token& t = toks_[pos_];
      if (!(t.Is("+") || t.Is("-") || t.Is("|") || t.Is("^"))) break;
      ++pos_;
      auto rhs = Term();
      if (!rhs) return std::nullopt;
      uint64_t a = static_cast<uint64_t>(*lhs), b = static_cast<uint64_t>(*rhs);
      if (t.Is("+")) a += b;
      else if (t.Is("-")) a -= b;
      else if (t.Is("|")) a |= b;
      else a ^= b;
      lhs = static_cast<int64_t>(a);
    }
    return lhs;
  }

 private:
  // Just past the last token, where a missing operand would have been.
  SourceLoc EndLoc() const {
    if (toks_.empty()) return SourceLoc{};
    const SourceLoc& at = toks_.back().loc;
    return SourceLoc{at.file, at.line, at.col + static_cast<int>(toks_.back().text.size())};
  }

  std::optional<int64_t> Term() {
    auto lhs = Unary();
    while (lhs && pos_ < toks_.size()) {
      const Token& t = toks_[pos_];
      if (!(t.Is("*") || t.Is("/") || t.Is("%") || t.Is("<<") || t.Is(">>") || t.Is("&"))) break;
      ++pos_;
      auto rhs = Unary();
      if (!rhs) return std::nullopt;
      uint64_t a = static_cast<uint64_t>(*lhs), b = static_cast<uint64_t>(*rhs);
      if ((t.Is("/") || t.Is("%")) && b == 0) {
        diags_.Error(t.loc, "division by zero in constant expression", source_);
        return std::nullopt;
      }
      if (t.Is("*")) a *= b;
      // x / -1 is negation and x % -1 is 0; spelled out because INT64_MIN / -1 traps on x86.
      else if (t.Is("/")) a = *rhs == -1 ? 0 - a : static_cast<uint64_t>(*lhs / *rhs);
      else if (t.Is("%")) a = *rhs == -1 ? 0 : static_cast<uint64_t>(*lhs % *rhs);
      else if (t.Is("<<")) a = b >= 64 ? 0 : a << b;
      else if (t.Is(">>")) a = b >= 64 ? 0 : a >> b;  // Go's asm shifts the value as unsigned
      else a &= b;
      lhs = static_cast<int64_t>(a);
    }
    return lhs;
  }

  std::optional<int64_t> Unary() {
    // Each prefix operator and '(' recurses; bound it so input cannot exhaust the stack.
    if (++depth_ > kMaxDepth) {
      diags_.Error(pos_ < toks_.size() ? toks_[pos_].loc : EndLoc(),
                   fmt::format("constant expression nested more than {} deep: expected a simpler expression", kMaxDepth), source_);
      return std::nullopt;
    }
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    if (pos_ >= toks_.size()) {
      diags_.Error(EndLoc(), "unexpected end of expression: expected a number, a constant or '('", source_);
      return std::nullopt;
    }
    const Token& t = toks_[pos_];
    if (t.Is("-") || t.Is("+") || t.Is("~") || t.Is("^")) {
      ++pos_;
      auto v = Unary();
      if (!v) return std::nullopt;
      if (t.Is("-")) return static_cast<int64_t>(0 - static_cast<uint64_t>(*v));
      if (t.Is("+")) return v;
      return ~*v;
    }
    if (t.kind == TokKind::kInt) {
      ++pos_;
      return static_cast<int64_t>(t.value);
    }
    if (t.Is("(")) {
      ++pos_;
      auto v = Expr();
      if (!v) return std::nullopt;
      if (pos_ >= toks_.size() || !toks_[pos_].Is(")")) {
        diags_.Error(pos_ < toks_.size() ? toks_[pos_].loc : t.loc, "expected ')' in constant expression", source_);
        return std::nullopt;
      }
      ++pos_;
      return v;
    }
    diags_.Error(t.loc, fmt::format("unexpected '{}' in constant expression: expected a number, an #defined constant or '('", t.text), source_);
    return std::nullopt;
  }

  static constexpr int kMaxDepth = 1000;
  const std::vector<Token>& toks_;
  size_t& pos_;
  int depth_ = 0;
  DiagSink& diags_;
  const std::string& source_;
};

}  // namespace

std::optional<int64_t> ParseExpr(const std::vector<Token>& toks, size_t& pos, DiagSink& diags,
                                 const std::string& source) {
  return ExprParser(toks, pos, diags, source).Expr();
}

bool StartsExpr(const std::vector<Token>& toks, size_t pos) {
  if (pos >= toks.size()) return false;
  const Token& t = toks[pos];
  return t.kind == TokKind::kInt || t.Is("-") || t.Is("+") || t.Is("~") || t.Is("^") || t.Is("(");
}

}  // namespace goemu::isa
