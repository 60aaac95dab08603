// The assembler output both sides of the golden comparison are reduced to: what `go tool asm -S`
// prints and what `goemu asm --json` emits, in one shape, so one comparison serves both.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace goemu::asm_golden {

struct AsmReloc {
  uint32_t off = 0;   // of the relocated field, relative to the symbol
  uint32_t size = 0;  // bytes of the field
  std::string type;   // Go's numeric objabi type ("15") or goemu's name ("R_TLS_LE"): shown, never compared
  std::string sym;
};

struct AsmInsn {
  uint32_t off = 0;            // relative to the symbol
  std::vector<uint8_t> bytes;  // empty for PCDATA, FUNCDATA, TEXT, NOP and dropped TLS loads
  std::string text;            // Go syntax, for reports only
  int line = 0;                // 1-based source line
};

// Argument size of a TEXT that declared none (Go prints it as args=0xffffffff80000000).
inline constexpr int64_t kArgsUnknown = -1;

struct AsmSymbol {
  std::string name;  // linker name: "main.f", "runtime.gogo"; file-static names end in "<>"
  bool is_text = false;
  uint64_t size = 0;
  std::optional<int64_t> args;   // text: declared argument bytes, or kArgsUnknown
  std::optional<int64_t> frame;  // text: frame bytes including the BP slot (Go's locals=)
  // Properties both tools report, in Go's header words: "dupok", "nosplit" (declared or made
  // by the leaf rule), "topframe" for text; "dupok", "rodata", "noptr", "tlsbss" for data.
  std::set<std::string> attrs;
  std::vector<AsmInsn> insns;                // text symbols
  std::optional<std::vector<uint8_t>> data;  // data symbols, when the producer reports contents
  std::vector<AsmReloc> relocs;
};

struct AsmListing {
  std::vector<AsmSymbol> symbols;
  const AsmSymbol* Find(const std::string& name) const;
};

// A parse result: either a value or a one-line reason it could not be produced.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;
  bool ok() const { return value.has_value(); }
};

}  // namespace goemu::asm_golden
