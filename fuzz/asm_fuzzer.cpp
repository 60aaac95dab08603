// libFuzzer target: the preprocessor and assembler on arbitrary source text.
// The first part of the input is the file being assembled; further parts (see fuzz_sources.h)
// are served to `#include "1.h"`, `#include "2.h"`, ... so include graphs and cycles get explored
// without touching the disk. On success the object must hold together: every instruction decodes
// back (Zydis) to exactly its own length, instructions tile their symbol, and both output
// formats render.
#include <Zydis/Zydis.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <string>

#include "fuzz/fuzz_sources.h"
#include "isa/assembler.h"

namespace {

using goemu::isa::SymbolKind;

// Reports the broken invariant, then aborts so libFuzzer saves the input.
void Require(bool condition, std::string_view what = "invariant") {
  if (condition) return;
  std::fprintf(stderr, "asm_fuzzer: broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void CheckText(const goemu::isa::Symbol& symbol) {
  ZydisDecoder decoder;
  ZydisDecoderInit(&decoder, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  uint64_t next = 0;
  for (const goemu::isa::Instruction& insn : symbol.insns) {
    Require(insn.off == next, insn.text);
    next += insn.bytes.size();
    // Raw data (BYTE/WORD/LONG/QUAD) and prefixes Go emits as their own 1-byte instruction
    // are not instructions on their own.
    static constexpr std::string_view kRaw[] = {"BYTE", "WORD", "LONG", "QUAD", "REP", "REPN", "LOCK"};
    const std::string_view op = std::string_view(insn.text).substr(0, insn.text.find('\t'));
    if (insn.bytes.empty() || std::find(std::begin(kRaw), std::end(kRaw), op) != std::end(kRaw)) continue;
    ZydisDecodedInstruction decoded;
    const ZyanStatus status = ZydisDecoderDecodeInstruction(&decoder, nullptr, insn.bytes.data(), insn.bytes.size(), &decoded);
    Require(ZYAN_SUCCESS(status) && decoded.length == insn.bytes.size(), insn.text);
  }
  Require(next == symbol.size);
  for (const goemu::isa::Reloc& r : symbol.relocs) Require(r.off + r.size <= symbol.size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = goemu::fuzz::SplitSources(data, size, 8);
  goemu::isa::AssembleOptions options;
  options.go_version = size % 2 == 0 ? goemu::isa::GoVersion::kGo113 : goemu::isa::GoVersion::kGo119;
  options.goos = size % 3 == 0 ? goemu::isa::GoOs::kWindows : goemu::isa::GoOs::kLinux;
  options.include_provider = [&parts](std::string_view name) -> std::optional<std::string> {
    for (size_t i = 1; i < parts.size(); ++i) {
      if (name == std::to_string(i) + ".h") return parts[i];
    }
    return std::nullopt;
  };
  const goemu::isa::AssembleResult result = goemu::isa::AssembleSource("a.s", parts[0], options);
  for (const goemu::isa::Diagnostic& d : result.diagnostics) Require(!d.Format().empty());
  if (!result.ok()) return 0;
  for (const goemu::isa::Symbol& symbol : result.object.symbols) {
    if (symbol.kind == SymbolKind::kText) CheckText(symbol);
  }
  Require(!goemu::isa::FormatJson(result.object).empty());
  goemu::isa::FormatListing(result.object, options);
  return 0;
}
