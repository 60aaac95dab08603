#include "tests/asm_golden/goemu_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace goemu::asm_golden {
namespace {

using Json = nlohmann::json;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// textflag.h values behind the attributes Go's listing header shows.
constexpr uint32_t kDupOk = 2, kNoSplit = 4, kRodata = 8, kNoPtr = 16, kTlsBss = 256, kTopFrame = 2048;

// Maps goemu's numeric flags onto Go's header words: RODATA wins over NOPTR, as Go's section
// choice does; NOSPLIT and TOPFRAME only mean something for code.
void ReadFacts(const Json& j, AsmSymbol& symbol) {
  const uint32_t flags = j.at("flags").get<uint32_t>();
  if (flags & kDupOk) symbol.attrs.insert("dupok");
  if (symbol.is_text) {
    symbol.frame = j.at("frame").get<int64_t>();
    const int64_t args = j.at("args").get<int64_t>();
    symbol.args = args < 0 ? kArgsUnknown : args;
    if (flags & kNoSplit) symbol.attrs.insert("nosplit");
    if (flags & kTopFrame) symbol.attrs.insert("topframe");
  } else if (flags & kRodata) {
    symbol.attrs.insert("rodata");
  } else if (flags & kNoPtr) {
    symbol.attrs.insert("noptr");
  }
  if (!symbol.is_text && (flags & kTlsBss)) symbol.attrs.insert("tlsbss");
}

// Reads one symbol; nlohmann's type errors (missing or mistyped fields) become exceptions that
// the caller turns into a Parsed error.
AsmSymbol ReadSymbol(const Json& j) {
  AsmSymbol symbol;
  symbol.name = j.at("name").get<std::string>();
  symbol.size = j.at("size").get<uint64_t>();
  for (const Json& ji : j.at("insns")) {
    AsmInsn insn;
    insn.off = ji.at("off").get<uint32_t>();
    auto bytes = DecodeHex(ji.at("hex").get<std::string>());
    if (!bytes) throw std::runtime_error(fmt::format("{}: bad hex at off {}", symbol.name, insn.off));
    insn.bytes = std::move(*bytes);
    insn.text = ji.value("text", "");
    insn.line = ji.at("line").get<int>();
    symbol.insns.push_back(std::move(insn));
  }
  symbol.is_text = !symbol.insns.empty();
  ReadFacts(j, symbol);
  for (const Json& jr : j.at("relocs")) {
    AsmReloc reloc;
    reloc.off = jr.at("off").get<uint32_t>();
    reloc.size = jr.at("size").get<uint32_t>();
    reloc.type = jr.at("type").is_string() ? jr.at("type").get<std::string>() : jr.at("type").dump();
    reloc.sym = jr.value("sym", "");
    symbol.relocs.push_back(std::move(reloc));
  }
  if (j.contains("data")) {
    auto data = DecodeHex(j.at("data").get<std::string>());
    if (!data) throw std::runtime_error(fmt::format("{}: bad data hex", symbol.name));
    symbol.data = std::move(*data);
  }
  return symbol;
}

}  // namespace

std::optional<std::vector<uint8_t>> DecodeHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<uint8_t> bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexDigit(hex[i]), lo = HexDigit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return bytes;
}

Parsed<AsmListing> ParseGoemuJson(std::string_view text) {
  try {
    const Json root = Json::parse(text);
    AsmListing listing;
    for (const Json& j : root.at("symbols")) listing.symbols.push_back(ReadSymbol(j));
    return {std::move(listing), ""};
  } catch (const std::exception& e) {
    return {std::nullopt, fmt::format("goemu --json output: {}", e.what())};
  }
}

}  // namespace goemu::asm_golden
