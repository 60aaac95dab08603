#include "tests/asm_golden/golden_listing.h"

#include <fmt/format.h>

#include <charconv>
#include <regex>
#include <sstream>

namespace goemu::asm_golden {
namespace {

// "\t0x000e 00014 (file.s:6)\tMOVQ\tAX, BX": hex offset, decimal offset, file:line, text.
const std::regex kInsnLine(R"(^\t0x([0-9a-f]+) (\d+) \(([^()]*):(\d+)\)\t(.*)$)");
// "\t0x0010 08 c3   ..": offset then up to 16 two-digit hex bytes, then the ASCII column.
const std::regex kDumpLine(R"(^\t0x([0-9a-f]+) ([0-9a-f]{2}( [0-9a-f]{2})*)(  .*)?$)");
const std::regex kRelocLine(R"(^\trel (\d+)\+(\d+) t=(\S+) ?(.*)$)");
// ArgsSizeUnknown (0x80000000) as Go's listing prints it, sign-extended from int32.
constexpr uint64_t kGoArgsUnknown = 0xffffffff80000000;

uint64_t ParseNumber(std::string_view digits, int base) {
  uint64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  return value;
}

std::string Canonical(std::string name, const std::string& package, bool is_static) {
  if (name.starts_with("\"\".")) name = package + name.substr(2);
  if (is_static) name += "<>";
  return name;
}

std::string Detab(std::string text) {
  for (char& c : text)
    if (c == '\t') c = ' ';
  return text;
}

// State for the symbol being read: its header facts and the raw dump, split at the end.
struct PendingSymbol {
  AsmSymbol symbol;
  std::vector<uint8_t> dump;
};

Parsed<AsmSymbol> ParseHeader(const std::string& line, const std::string& package) {
  std::istringstream in(line);
  std::string name, kind, word;
  in >> name >> kind;
  AsmSymbol symbol;
  bool is_static = false;
  std::optional<uint64_t> size;
  while (in >> word) {
    const std::string_view value = std::string_view(word).substr(word.find('=') + 1);
    if (word == "static") is_static = true;
    if (word == "dupok" || word == "nosplit" || word == "topframe") symbol.attrs.insert(word);
    if (word.starts_with("size=")) size = ParseNumber(value, 10);
    if (word.starts_with("locals=0x")) symbol.frame = ParseNumber(value.substr(2), 16);
    if (word.starts_with("args=0x")) {
      const uint64_t args = ParseNumber(value.substr(2), 16);
      symbol.args = args == kGoArgsUnknown ? kArgsUnknown : static_cast<int64_t>(args);
    }
  }
  if (name.empty() || !kind.starts_with("S") || !size)
    return {std::nullopt, fmt::format("not a symbol header: {}", line)};
  symbol.name = Canonical(name, package, is_static);
  symbol.is_text = kind == "STEXT";
  symbol.size = *size;
  if (kind == "SRODATA") symbol.attrs.insert("rodata");
  if (kind == "SNOPTRDATA" || kind == "SNOPTRBSS") symbol.attrs.insert("noptr");
  if (kind == "STLSBSS") symbol.attrs.insert("tlsbss");
  return {symbol, ""};
}

// Hands each instruction the dump bytes from its offset to the next line's offset.
std::string Finish(PendingSymbol& pending) {
  AsmSymbol& symbol = pending.symbol;
  std::vector<uint8_t>& dump = pending.dump;
  if (dump.size() > symbol.size)
    return fmt::format("{}: hex dump has {} bytes, size is {}", symbol.name, dump.size(), symbol.size);
  if (!symbol.is_text) {
    dump.resize(symbol.size, 0);  // Go omits trailing zeros of partly initialised data
    symbol.data = dump;
    return "";
  }
  if (dump.size() != symbol.size)
    return fmt::format("{}: hex dump has {} bytes, size is {}", symbol.name, dump.size(), symbol.size);
  for (size_t i = 0; i < symbol.insns.size(); ++i) {
    const uint64_t begin = symbol.insns[i].off;
    const uint64_t end = i + 1 < symbol.insns.size() ? symbol.insns[i + 1].off : symbol.size;
    if (end < begin || end > symbol.size)
      return fmt::format("{}: instruction offsets out of order at 0x{:04x}", symbol.name, begin);
    symbol.insns[i].bytes.assign(dump.begin() + begin, dump.begin() + end);
  }
  return "";
}

}  // namespace

Parsed<AsmListing> ParseGoListing(std::string_view text, const std::string& package) {
  AsmListing listing;
  std::optional<PendingSymbol> pending;
  auto flush = [&]() -> std::string {
    if (!pending) return "";
    std::string error = Finish(*pending);
    if (error.empty()) listing.symbols.push_back(std::move(pending->symbol));
    pending.reset();
    return error;
  };

  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  std::smatch m;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto fail = [&](std::string why) {
      return Parsed<AsmListing>{std::nullopt, fmt::format("listing line {}: {}", line_no, why)};
    };
    if (line[0] != '\t') {
      if (std::string error = flush(); !error.empty()) return fail(error);
      auto header = ParseHeader(line, package);
      if (!header.ok()) return fail(header.error);
      pending = PendingSymbol{std::move(*header.value), {}};
      continue;
    }
    if (!pending) return fail("content before the first symbol header");
    if (std::regex_match(line, m, kInsnLine)) {
      if (!pending->dump.empty()) return fail("instruction after the hex dump");
      AsmInsn insn;
      insn.off = static_cast<uint32_t>(ParseNumber(m.str(1), 16));
      insn.line = static_cast<int>(ParseNumber(m.str(4), 10));
      insn.text = Detab(m.str(5));
      pending->symbol.insns.push_back(std::move(insn));
    } else if (std::regex_match(line, m, kDumpLine)) {
      if (ParseNumber(m.str(1), 16) != pending->dump.size()) return fail("hex dump offset skips bytes");
      std::istringstream bytes(m.str(2));
      std::string byte;
      while (bytes >> byte) pending->dump.push_back(static_cast<uint8_t>(ParseNumber(byte, 16)));
    } else if (std::regex_match(line, m, kRelocLine)) {
      AsmReloc reloc;
      reloc.off = static_cast<uint32_t>(ParseNumber(m.str(1), 10));
      reloc.size = static_cast<uint32_t>(ParseNumber(m.str(2), 10));
      reloc.type = m.str(3);
      reloc.sym = Canonical(m.str(4), package, false);
      pending->symbol.relocs.push_back(std::move(reloc));
    } else {
      return fail(fmt::format("unrecognised line: {}", line));
    }
  }
  if (std::string error = flush(); !error.empty())
    return {std::nullopt, fmt::format("at end of listing: {}", error)};
  return {std::move(listing), ""};
}

const AsmSymbol* AsmListing::Find(const std::string& name) const {
  for (const AsmSymbol& symbol : symbols)
    if (symbol.name == name) return &symbol;
  return nullptr;
}

}  // namespace goemu::asm_golden
