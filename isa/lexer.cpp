// Tokenizer: identifiers may contain `·` (U+00B7) and `∕` (U+2215) as Go's asm lexer allows.
#include "isa/lexer.h"

#include <fmt/format.h>

#include <cctype>

#include "isa/diag_sink.h"

namespace goemu::isa {
namespace {

constexpr std::string_view kMiddleDot = "\xC2\xB7";
constexpr std::string_view kDivisionSlash = "\xE2\x88\x95";

// Length of an identifier character starting at text[i], 0 if none.
size_t IdentCharLen(std::string_view text, size_t i, bool first) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (std::isalpha(c) || c == '_') return 1;
  if (!first && std::isdigit(c)) return 1;
  if (text.substr(i, 2) == kMiddleDot) return 2;
  if (text.substr(i, 3) == kDivisionSlash) return 3;
  return 0;
}

// Reads one (possibly escaped) character of a char or string literal; returns false at a bad escape.
bool ReadLiteralChar(std::string_view text, size_t& i, uint64_t& out) {
  if (text[i] != '\\') {
    out = static_cast<unsigned char>(text[i++]);
    return true;
  }
  if (++i >= text.size()) return false;
  char e = text[i++];
  switch (e) {
    case 'n': out = '\n'; return true;
    case 't': out = '\t'; return true;
    case 'r': out = '\r'; return true;
    case 'a': out = 7; return true;
    case 'b': out = 8; return true;
    case 'f': out = 12; return true;
    case 'v': out = 11; return true;
    case '\\': case '\'': case '"': out = static_cast<unsigned char>(e); return true;
    case 'x': {
      if (i + 2 > text.size() || !std::isxdigit(text[i]) || !std::isxdigit(text[i + 1])) return false;
      out = std::stoul(std::string(text.substr(i, 2)), nullptr, 16);
      i += 2;
      return true;
    }
    default:
      if (e >= '0' && e <= '7') {  // \ooo: exactly three octal digits, as in Go
        if (i + 2 > text.size() || text[i] < '0' || text[i] > '7' || text[i + 1] < '0' || text[i + 1] > '7') return false;
        out = static_cast<uint64_t>((e - '0') * 64 + (text[i] - '0') * 8 + (text[i + 1] - '0'));
        i += 2;
        return out <= 255;
      }
      return false;
  }
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, const SourceLoc& loc, std::string_view source,
                            DiagSink& diags) {
  std::vector<Token> toks;
  size_t i = 0;
  auto error = [&](size_t col, std::string msg) {
    diags.Error(SourceLoc{loc.file, loc.line, static_cast<int>(col) + 1}, std::move(msg), source);
  };
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) { ++i; continue; }
    Token t;
    t.loc = SourceLoc{loc.file, loc.line, static_cast<int>(i) + 1};
    size_t start = i;
    if (IdentCharLen(text, i, true) > 0) {
      t.kind = TokKind::kIdent;
      while (i < text.size()) {
        size_t n = IdentCharLen(text, i, false);
        if (n == 0) break;
        i += n;
      }
      t.text = std::string(text.substr(start, i - start));
    } else if (std::isdigit(c)) {
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      t.text = std::string(text.substr(start, i - start));
      bool is_float = t.text.find_first_of(".eE") != std::string::npos && !(t.text.size() > 1 && (t.text[1] == 'x' || t.text[1] == 'X'));
      try {
        size_t used = 0;
        if (is_float) {
          t.kind = TokKind::kFloat;
          t.fvalue = std::stod(t.text, &used);
        } else {
          t.kind = TokKind::kInt;
          int base = 10;
          std::string digits = t.text;
          if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
            base = 16; digits = digits.substr(2);
          } else if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) {
            base = 2; digits = digits.substr(2);
          } else if (digits.size() > 1 && digits[0] == '0') {
            base = 8; digits = digits.substr(1);
          }
          t.value = std::stoull(digits, &used, base);
          if (used != digits.size()) throw std::invalid_argument("trailing");
        }
        if (is_float && used != t.text.size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        error(start, fmt::format("invalid number '{}': expected a decimal, 0x hex, 0 octal or 0b binary integer", t.text));
        t.kind = TokKind::kInt;
        t.value = 0;
      }
    } else if (c == '\'') {
      ++i;
      uint64_t v = 0;
      if (i >= text.size() || !ReadLiteralChar(text, i, v) || i >= text.size() || text[i] != '\'') {
        error(start, "unterminated or invalid character literal: expected 'c'");
        return toks;
      }
      ++i;
      t.kind = TokKind::kInt;
      t.value = v;
      t.text = std::string(text.substr(start, i - start));
    } else if (c == '"') {
      ++i;
      t.kind = TokKind::kString;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') { closed = true; ++i; break; }
        uint64_t v = 0;
        if (!ReadLiteralChar(text, i, v)) break;
        t.text.push_back(static_cast<char>(v));
      }
      if (!closed) {
        error(start, "unterminated string literal: expected closing '\"'");
        return toks;
      }
    } else {
      t.kind = TokKind::kPunct;
      std::string_view two = text.substr(i, 2);
      if (two == "<<" || two == ">>") {
        t.text = std::string(two);
        i += 2;
      } else {
        t.text = std::string(1, static_cast<char>(c));
        ++i;
      }
    }
    toks.push_back(std::move(t));
  }
  return toks;
}

}  // namespace goemu::isa
