// Preprocessor implementation. Lines are kept column-accurate: comments become spaces.
#include "isa/preprocessor.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "isa/builtin_headers.h"
#include "isa/diag_sink.h"
#include "isa/source_file.h"

namespace goemu::isa {
namespace {

constexpr int kMaxIncludeDepth = 16;
// Bounds on work that input can otherwise make exponential: a file that includes itself twice
// at every level, or macros whose bodies use the previous macro twice.
constexpr int kMaxIncludes = 1000;
constexpr size_t kMaxExpansionTokens = 100000;
constexpr size_t kMaxMacroNesting = 100;  // as Go's asm lexer

// Replaces every comment with spaces (newlines kept) so line and column numbers survive.
// Returns the line of an unterminated /* comment, or 0.
int StripComments(std::string& text) {
  size_t i = 0;
  int line = 1;
  char quote = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') { ++line; quote = 0; ++i; continue; }
    if (quote) {
      if (c == '\\') { i += 2; continue; }
      if (c == quote) quote = 0;
      ++i;
      continue;
    }
    if (c == '"' || c == '\'') { quote = c; ++i; continue; }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') text[i++] = ' ';
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      int start_line = line;
      text[i] = text[i + 1] = ' ';
      i += 2;
      while (i < text.size() && !(text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/')) {
        if (text[i] == '\n') ++line; else text[i] = ' ';
        ++i;
      }
      if (i >= text.size()) return start_line;
      text[i] = text[i + 1] = ' ';
      i += 2;
      continue;
    }
    ++i;
  }
  return 0;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace

Preprocessor::Preprocessor(const AssembleOptions& options, DiagSink& diags)
    : options_(options), diags_(diags) {
  auto predefine = [this](const std::string& name, const std::string& value) {
    Macro m;
    m.name = name;
    m.body = Tokenize(value.empty() ? "1" : value, SourceLoc{"<command line>", 0, 0}, "", diags_);
    macros_[name] = std::move(m);
  };
  predefine(options.goos == GoOs::kWindows ? "GOOS_windows" : "GOOS_linux", "");
  predefine("GOARCH_amd64", "");
  predefine("GOAMD64_v1", "");
  for (const auto& [name, value] : options.defines) predefine(name, value);
}

void Preprocessor::Run(const std::string& path, std::string_view text, std::vector<TokLine>& out) {
  std::string stripped(text);
  int open_comment = StripComments(stripped);
  std::vector<std::string> raw = SplitLines(text);
  std::vector<std::string> lines = SplitLines(stripped);
  if (open_comment > 0) {
    diags_.Error(SourceLoc{path, open_comment, 0}, "unterminated /* comment: expected */ before end of file",
                 raw[open_comment - 1]);
  }
  std::vector<Cond> conds;
  for (size_t i = 0; i < lines.size(); ++i) {
    // Past the error limit nothing more is reported, so stop: a header that includes itself
    // twice per level would otherwise be re-read up to kMaxIncludes times for nothing.
    if (diags_.Full()) return;
    int line_no = static_cast<int>(i) + 1;
    std::string logical = lines[i];
    std::string source = raw[i];
    // Splice `\`-continued lines into one logical line. Inside a #define each line break is a
    // statement break, so a multi-line macro expands to several instructions.
    bool directive = logical.find_first_not_of(" \t") != std::string::npos && logical[logical.find_first_not_of(" \t")] == '#';
    while (!logical.empty() && logical.back() == '\\' && i + 1 < lines.size()) {
      logical.back() = directive ? ';' : ' ';
      source += " " + raw[i + 1];
      logical += " " + lines[++i];
    }
    size_t first = logical.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    SourceLoc loc{path, line_no, 0};
    if (logical[first] == '#') {
      std::vector<Token> toks = Tokenize(logical, loc, source, diags_);
      Directive(toks, source, path, conds, out);
      continue;
    }
    if (!Active(conds)) continue;
    int errors_before = diags_.Count();
    std::vector<Token> toks = Tokenize(logical, loc, source, diags_);
    if (diags_.Count() != errors_before) continue;  // a bad literal: the rest would only cascade
    std::vector<std::string> disabled;
    expanded_tokens_ = 0;
    toks = Expand(toks, disabled, source);
    if (expanded_tokens_ > kMaxExpansionTokens) continue;
    // `;` separates statements, including ones produced by a macro.
    TokLine stmt;
    stmt.source = source;
    for (auto& t : toks) {
      if (t.Is(";")) {
        if (!stmt.toks.empty()) out.push_back(std::move(stmt));
        stmt = TokLine{};
        stmt.source = source;
        continue;
      }
      stmt.toks.push_back(std::move(t));
    }
    if (!stmt.toks.empty()) out.push_back(std::move(stmt));
  }
  for (const Cond& c : conds) {
    diags_.Error(c.loc, "unterminated #ifdef/#ifndef: expected #endif before end of file", c.source);
  }
}

void Preprocessor::Directive(const std::vector<Token>& toks, const std::string& source, const std::string& path,
                             std::vector<Cond>& conds, std::vector<TokLine>& out) {
  const Token& hash = toks[0];
  if (toks.size() < 2 || toks[1].kind != TokKind::kIdent) {
    diags_.Error(hash.loc, "expected a directive name after '#'", source);
    return;
  }
  const Token& dir = toks[1];
  const std::string& name = dir.text;
  auto need_ident = [&](const char* what) -> const Token* {
    if (toks.size() < 3 || toks[2].kind != TokKind::kIdent) {
      diags_.Error(dir.loc, fmt::format("#{} expects a macro name", what), source);
      return nullptr;
    }
    return &toks[2];
  };
  if (name == "ifdef" || name == "ifndef") {
    bool parent = Active(conds);
    const Token* id = need_ident(name.c_str());
    bool defined = id && macros_.count(id->text) > 0;
    bool taken = name == "ifdef" ? defined : !defined;
    conds.push_back(Cond{parent && taken, parent, false, hash.loc, source});
    return;
  }
  if (name == "else" || name == "endif") {
    if (conds.empty()) {
      diags_.Error(dir.loc, fmt::format("#{} without a matching #ifdef or #ifndef", name), source);
      return;
    }
    if (name == "endif") {
      conds.pop_back();
      return;
    }
    Cond& c = conds.back();
    if (c.else_seen) {
      diags_.Error(dir.loc, "second #else for the same #ifdef: expected #endif", source);
      return;
    }
    c.else_seen = true;
    c.active = c.parent_active && !c.active;
    return;
  }
  if (!Active(conds)) return;
  if (name == "include") {
    if (toks.size() < 3 || (toks[2].kind != TokKind::kString && !toks[2].Is("<"))) {
      diags_.Error(dir.loc, "#include expects \"file\" or <file>", source);
      return;
    }
    Token file = toks[2];
    if (toks[2].Is("<")) {
      // <name.h>: glue the tokens up to '>' back together.
      file.text.clear();
      size_t k = 3;
      for (; k < toks.size() && !toks[k].Is(">"); ++k) file.text += toks[k].text;
      if (k == toks.size()) {
        diags_.Error(toks[2].loc, "#include <file> is missing its closing '>'", source);
        return;
      }
    }
    Include(file, source, path, out);
    return;
  }
  if (name == "define") {
    Define(toks, source);
    return;
  }
  if (name == "undef") {
    if (const Token* id = need_ident("undef")) macros_.erase(id->text);
    return;
  }
  diags_.Error(dir.loc, fmt::format("unknown directive #{}: expected include, define, undef, ifdef, ifndef, else or endif", name), source);
}

void Preprocessor::Include(const Token& name_tok, const std::string& source, const std::string& path,
                           std::vector<TokLine>& out) {
  const std::string& name = name_tok.text;
  if (depth_ >= kMaxIncludeDepth) {
    // Once per file: a recursive header reaches the limit again at every #include it holds.
    if (!include_overflow_) {
      diags_.Error(name_tok.loc, fmt::format("#include \"{}\" nested too deeply (recursive include?)", name), source);
    }
    include_overflow_ = true;
    return;
  }
  if (++includes_ > kMaxIncludes) {
    if (includes_ == kMaxIncludes + 1) {
      diags_.Error(name_tok.loc, fmt::format("#include \"{}\" is include number {}: expected at most {} per file "
                                             "(a header included repeatedly from itself?)", name, includes_, kMaxIncludes), source);
    }
    return;
  }
  std::optional<std::string> text;
  std::string found = name;
  if (options_.include_provider) text = options_.include_provider(name);
  std::vector<std::string> dirs;
  dirs.push_back(std::filesystem::path(path).parent_path().string());
  dirs.insert(dirs.end(), options_.include_dirs.begin(), options_.include_dirs.end());
  for (size_t i = 0; !text && i < dirs.size(); ++i) {
    std::filesystem::path candidate = dirs[i].empty() ? std::filesystem::path(name) : std::filesystem::path(dirs[i]) / name;
    // The error_code form: a name the OS rejects (too long, bad characters) is "not here",
    // never an exception.
    std::error_code not_found;
    if (std::filesystem::is_regular_file(candidate, not_found)) {
      SourceRead read = ReadSourceFile(candidate.string());
      if (!read.ok()) {
        diags_.Error(name_tok.loc, fmt::format("cannot read #include file \"{}\": {}", name, read.error), source);
        return;
      }
      text = std::move(read.text);
      found = candidate.string();
    }
  }
  if (!text) text = BuiltinHeader(name);
  if (!text) {
    diags_.Error(name_tok.loc, fmt::format("cannot find #include file \"{}\": expected it in the including file's directory, an -I directory or the built-in headers", name), source);
    return;
  }
  ++depth_;
  Run(found, *text, out);
  --depth_;
}

void Preprocessor::Define(const std::vector<Token>& toks, const std::string& source) {
  if (toks.size() < 3 || toks[2].kind != TokKind::kIdent) {
    diags_.Error(toks[1].loc, "#define expects a macro name", source);
    return;
  }
  Macro m;
  m.name = toks[2].text;
  size_t k = 3;
  // Function-like only when '(' touches the name, as in C.
  if (k < toks.size() && toks[k].Is("(") && toks[k].loc.col == toks[2].loc.col + static_cast<int>(toks[2].text.size())) {
    m.function_like = true;
    ++k;
    while (k < toks.size() && !toks[k].Is(")")) {
      if (toks[k].kind != TokKind::kIdent) {
        diags_.Error(toks[k].loc, fmt::format("bad parameter list of macro {}: expected an identifier", m.name), source);
        return;
      }
      m.params.push_back(toks[k++].text);
      if (k < toks.size() && toks[k].Is(",")) ++k;
    }
    if (k == toks.size()) {
      diags_.Error(toks[2].loc, fmt::format("bad parameter list of macro {}: expected ')'", m.name), source);
      return;
    }
    ++k;
  }
  m.body.assign(toks.begin() + static_cast<long>(k), toks.end());
  // Line breaks of a multi-line body became ';'; the ones at either end separate nothing.
  while (!m.body.empty() && m.body.front().Is(";")) m.body.erase(m.body.begin());
  while (!m.body.empty() && m.body.back().Is(";")) m.body.pop_back();
  macros_[m.name] = std::move(m);
}

std::vector<Token> Preprocessor::Expand(const std::vector<Token>& toks, std::vector<std::string>& disabled,
                                        const std::string& source) {
  std::vector<Token> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    auto it = t.kind == TokKind::kIdent ? macros_.find(t.text) : macros_.end();
    if (it == macros_.end() || std::find(disabled.begin(), disabled.end(), t.text) != disabled.end()) {
      out.push_back(t);
      continue;
    }
    const Macro& m = it->second;
    if (disabled.size() >= kMaxMacroNesting) {
      diags_.Error(t.loc, fmt::format("macro {} nested more than {} deep: expected a shallower chain of #defines",
                                      disabled.front(), kMaxMacroNesting), source);
      expanded_tokens_ = kMaxExpansionTokens + 1;  // drops the line
      return out;
    }
    std::vector<Token> replaced;
    if (!m.function_like) {
      replaced = m.body;
    } else {
      if (i + 1 >= toks.size() || !toks[i + 1].Is("(")) {
        out.push_back(t);  // a function-like macro name without arguments is left alone, as in C
        continue;
      }
      std::vector<std::vector<Token>> args(1);
      int level = 0;
      size_t k = i + 2;
      for (; k < toks.size(); ++k) {
        if (toks[k].Is("(")) ++level;
        if (toks[k].Is(")")) {
          if (level == 0) break;
          --level;
        }
        if (toks[k].Is(",") && level == 0) {
          args.emplace_back();
          continue;
        }
        args.back().push_back(toks[k]);
      }
      if (k == toks.size()) {
        diags_.Error(t.loc, fmt::format("unterminated argument list of macro {}: expected ')'", m.name), source);
        return out;
      }
      if (m.params.empty() && args.size() == 1 && args[0].empty()) args.clear();
      if (args.size() != m.params.size()) {
        diags_.Error(t.loc, fmt::format("macro {} takes {} argument(s), got {}", m.name, m.params.size(), args.size()), source);
        i = k;
        continue;
      }
      for (const Token& b : m.body) {
        auto p = b.kind == TokKind::kIdent ? std::find(m.params.begin(), m.params.end(), b.text) : m.params.end();
        if (p == m.params.end()) {
          replaced.push_back(b);
        } else {
          const auto& arg = args[static_cast<size_t>(p - m.params.begin())];
          replaced.insert(replaced.end(), arg.begin(), arg.end());
        }
      }
      i = k;
    }
    expanded_tokens_ += replaced.size();
    if (expanded_tokens_ > kMaxExpansionTokens) {
      // Name the macro the line used, not the one that happened to cross the bound.
      diags_.Error(t.loc, fmt::format("expansion of macro {} exceeds {} tokens: expected a #define that does not "
                                      "double at every level", disabled.empty() ? m.name : disabled.front(), kMaxExpansionTokens), source);
      return out;
    }
    // Expanded tokens report the place the macro was used.
    for (Token& r : replaced) {
      if (r.loc.file != t.loc.file || r.loc.line != t.loc.line) r.loc = t.loc;
    }
    disabled.push_back(m.name);
    std::vector<Token> again = Expand(replaced, disabled, source);
    disabled.pop_back();
    if (expanded_tokens_ > kMaxExpansionTokens) return out;
    out.insert(out.end(), again.begin(), again.end());
  }
  return out;
}

}  // namespace goemu::isa
