// Assemble*: preprocess -> parse -> per-function layout, plus data symbols.
#include "isa/assembler.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <map>

#include "isa/data.h"
#include "isa/go_version.h"
#include "isa/diag_sink.h"
#include "isa/parser.h"
#include "isa/preprocessor.h"
#include "isa/source_file.h"
#include "isa/span.h"

namespace goemu::isa {
namespace {

struct SourceText {
  std::string path;
  std::string text;
};

// FUNCDATA's placeholder symbols (obj/plist.go): go_args_stackmap names the function's own
// args map; no_pointers_stackmap becomes a shared RODATA symbol, returned when used.
Symbol ResolveStackmaps(Program& program, const AssembleOptions& options) {
  Symbol gclocals;
  for (Function& f : program.functions) {
    for (Prog& p : f.progs) {
      if (p.op != "FUNCDATA" || p.args.size() != 2 || !p.args[1].IsSymbol()) continue;
      std::string& sym = p.args[1].sym;
      if (sym == "go_args_stackmap") sym = f.decl.name + ".args_stackmap";
      if (sym != "no_pointers_stackmap") continue;
      sym = TraitsFor(options.go_version).no_pointers_stackmap;
      if (!gclocals.name.empty()) continue;
      gclocals.name = sym;
      gclocals.kind = SymbolKind::kRodata;
      gclocals.flags = kFlagRodata | kFlagDupOk;
      gclocals.size = 8;
      gclocals.args = kArgsUnknown;
      gclocals.data = {2, 0, 0, 0, 0, 0, 0, 0};  // []uint32{2, 0}: two empty bitmaps
      gclocals.loc = f.decl.loc;
    }
  }
  return gclocals;
}

AssembleResult AssembleTexts(const std::vector<SourceText>& sources, const AssembleOptions& options, DiagSink& diags) {
  Program all;
  for (const SourceText& src : sources) {
    // Macros do not leak from one file into the next.
    Preprocessor pre(options, diags);
    std::vector<TokLine> lines;
    pre.Run(src.path, src.text, lines);
    Program p = Parse(lines, options, diags);
    for (auto& f : p.functions) all.functions.push_back(std::move(f));
    for (auto& d : p.data) all.data.push_back(std::move(d));
    for (auto& g : p.globals) all.globals.push_back(std::move(g));
  }
  AssembleResult result;
  Symbol stackmap = ResolveStackmaps(all, options);
  std::map<std::string, int> seen;
  for (const Function& f : all.functions) {
    if (diags.Full()) break;
    if (auto it = seen.find(f.decl.name); it != seen.end()) {
      diags.Error(f.decl.loc, fmt::format("duplicate TEXT for {} (first at line {})", f.decl.name, it->second), f.decl.source);
      continue;
    }
    seen[f.decl.name] = f.decl.loc.line;
    result.object.symbols.push_back(AssembleFunction(f, options, diags));
  }
  for (Symbol& s : BuildDataSymbols(all.globals, all.data, diags)) {
    if (seen.count(s.name)) {
      diags.Error(s.loc, fmt::format("{} is declared by both TEXT and GLOBL", s.name), "");
      continue;
    }
    result.object.symbols.push_back(std::move(s));
  }
  if (!stackmap.name.empty()) result.object.symbols.push_back(std::move(stackmap));
  result.diagnostics = diags.Take();
  // Parse-time and encode-time errors arrive in separate passes; report them in source order.
  std::map<std::string, size_t> file_order;
  for (const Diagnostic& d : result.diagnostics) file_order.emplace(d.loc.file, file_order.size());
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(file_order[a.loc.file], a.loc.line, a.loc.col) < std::tuple(file_order[b.loc.file], b.loc.line, b.loc.col);
  });
  if (diags.Full()) result.diagnostics.push_back(TooManyErrors());
  return result;
}

}  // namespace

AssembleResult AssembleSource(std::string_view file_name, std::string_view text, const AssembleOptions& options) {
  DiagSink diags(options.max_errors);
  return AssembleTexts({SourceText{std::string(file_name), std::string(text)}}, options, diags);
}

AssembleResult AssembleFiles(const std::vector<std::string>& paths, const AssembleOptions& options) {
  DiagSink diags(options.max_errors);
  std::vector<SourceText> sources;
  for (const std::string& path : paths) {
    SourceRead read = ReadSourceFile(path);
    if (read.ok() && read.text.empty()) read.error = "empty file: expected Go assembly source";
    if (!read.ok()) {
      diags.Error(SourceLoc{path, 0, 0}, std::move(read.error));
      continue;
    }
    sources.push_back(SourceText{path, std::move(read.text)});
  }
  return AssembleTexts(sources, options, diags);
}

std::string_view RelocTypeName(RelocType type) {
  switch (type) {
    case RelocType::kCall: return "R_CALL";
    case RelocType::kPcRel: return "R_PCREL";
    case RelocType::kAddr: return "R_ADDR";
    case RelocType::kTlsLe: return "R_TLS_LE";
  }
  return "?";
}

}  // namespace goemu::isa
