#include "tests/asm_golden/compare.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

namespace goemu::asm_golden {
namespace {

// Bytes of a symbol that either side says a relocation will overwrite.
std::vector<bool> RelocMask(const AsmSymbol& go, const AsmSymbol& goemu) {
  std::vector<bool> mask(go.size, false);
  for (const AsmSymbol* side : {&go, &goemu})
    for (const AsmReloc& r : side->relocs)
      for (uint64_t i = r.off; i < uint64_t{r.off} + r.size && i < mask.size(); ++i) mask[i] = true;
  return mask;
}

bool Masked(const std::vector<bool>& mask, uint64_t at) { return at < mask.size() && mask[at]; }

// Hex with relocated bytes shown as "..", so a reader sees what was ignored.
std::string Hex(const std::vector<uint8_t>& bytes, uint64_t base, const std::vector<bool>& mask) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i) out += ' ';
    out += Masked(mask, base + i) ? std::string("..") : fmt::format("{:02x}", bytes[i]);
  }
  return out.empty() ? "(none)" : out;
}

bool SameMasked(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint64_t base,
                const std::vector<bool>& mask) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && !Masked(mask, base + i)) return false;
  return true;
}

std::string Mnemonic(const std::string& text) { return text.substr(0, text.find(' ')); }

std::map<uint32_t, const AsmInsn*> WithBytes(const AsmSymbol& symbol) {
  std::map<uint32_t, const AsmInsn*> by_off;
  for (const AsmInsn& insn : symbol.insns)
    if (!insn.bytes.empty()) by_off[insn.off] = &insn;
  return by_off;
}

class SymbolComparer {
 public:
  SymbolComparer(const AsmSymbol& go, const AsmSymbol& goemu, std::string_view file, Comparison& out)
      : go_(go), goemu_(goemu), file_(file), out_(out), mask_(RelocMask(go, goemu)) {}

  void Run() {
    if (go_.size != goemu_.size)
      out_.problems.push_back(fmt::format("{}: size go={} goemu={}", go_.name, go_.size, goemu_.size));
    CompareFacts();
    if (go_.is_text)
      CompareCode();
    else
      CompareData();
  }

 private:
  void CompareCode() {
    const auto go = WithBytes(go_);
    const auto emu = WithBytes(goemu_);
    std::set<uint32_t> offsets;
    for (const auto& [off, insn] : go) offsets.insert(off);
    for (const auto& [off, insn] : emu) offsets.insert(off);
    for (uint32_t off : offsets) {
      const auto g = go.find(off);
      const auto e = emu.find(off);
      const AsmInsn* gi = g == go.end() ? nullptr : g->second;
      const AsmInsn* ei = e == emu.end() ? nullptr : e->second;
      if (gi) ++out_.insns_compared;
      if (gi && ei && SameMasked(gi->bytes, ei->bytes, off, mask_) && gi->line == ei->line) {
        ++out_.insns_equal;
        continue;
      }
      Report(off, gi, ei);
    }
  }

  void Report(uint32_t off, const AsmInsn* gi, const AsmInsn* ei) {
    const std::string what = gi ? gi->text : fmt::format("(no Go instruction; goemu: {})", ei->text);
    const int line = gi ? gi->line : ei->line;
    std::string block = fmt::format("{}+0x{:04x}  {}:{}  {}\n", go_.name, off, file_, line, what);
    block += fmt::format("    go     {}\n", gi ? Hex(gi->bytes, off, mask_) : "(no instruction here)");
    if (ei) {
      const bool line_differs = gi && gi->line != ei->line;
      block += fmt::format("    goemu  {}{}\n", Hex(ei->bytes, off, mask_),
                           line_differs ? fmt::format("   (line {} differs: {})", ei->line, ei->text) : "");
    } else {
      block += "    goemu  (no instruction here)\n";
    }
    out_.problems.push_back(std::move(block));
    out_.differing_mnemonics.push_back(Mnemonic(gi ? gi->text : ei->text));
  }

  // Frame and argument sizes and flags, only where the golden states them.
  void CompareFacts() {
    if (go_.frame && go_.frame != goemu_.frame)
      out_.problems.push_back(fmt::format("{}: frame (locals) go={} goemu={}", go_.name, *go_.frame,
                                          goemu_.frame.value_or(-1)));
    if (go_.args && go_.args != goemu_.args)
      out_.problems.push_back(fmt::format("{}: args go={} goemu={}", go_.name, *go_.args,
                                          goemu_.args.value_or(-1)));
    if (go_.attrs != goemu_.attrs)
      out_.problems.push_back(fmt::format("{}: attributes go=[{}] goemu=[{}]", go_.name,
                                          fmt::join(go_.attrs, " "), fmt::join(goemu_.attrs, " ")));
  }

  void CompareData() {
    if (!go_.data) return;
    if (!goemu_.data) {
      ++out_.data_unchecked;
      return;
    }
    // Unwritten tails are zero on both sides, however much of them a producer prints.
    std::vector<uint8_t> emu = *goemu_.data;
    if (emu.size() < go_.size) emu.resize(go_.size, 0);
    if (SameMasked(*go_.data, emu, 0, mask_)) return;
    out_.problems.push_back(fmt::format("{}: data differs\n    go     {}\n    goemu  {}\n", go_.name,
                                        Hex(*go_.data, 0, mask_), Hex(emu, 0, mask_)));
  }

  const AsmSymbol& go_;
  const AsmSymbol& goemu_;
  std::string_view file_;
  Comparison& out_;
  std::vector<bool> mask_;
};

}  // namespace

Comparison CompareListings(const AsmListing& go, const AsmListing& goemu, std::string_view file_name) {
  Comparison out;
  for (const AsmSymbol& g : go.symbols) {
    const AsmSymbol* e = goemu.Find(g.name);
    if (!e) {
      out.problems.push_back(fmt::format("{}: missing from goemu's output", g.name));
      continue;
    }
    SymbolComparer(g, *e, file_name, out).Run();
  }
  for (const AsmSymbol& e : goemu.symbols)
    if (!go.Find(e.name)) out.problems.push_back(fmt::format("{}: goemu emits it, Go does not", e.name));
  return out;
}

std::string Comparison::Render(std::string_view file_name, size_t max_problems) const {
  std::string out = fmt::format("{}: {} of {} instructions identical, {} problem(s)\n", file_name,
                                insns_equal, insns_compared, problems.size());
  std::map<std::string, int> counts;
  for (const std::string& mnemonic : differing_mnemonics) ++counts[mnemonic];
  if (!counts.empty()) {
    out += "differing mnemonics:";
    for (const auto& [mnemonic, count] : counts) out += fmt::format(" {}x{}", mnemonic, count);
    out += '\n';
  }
  for (size_t i = 0; i < problems.size() && i < max_problems; ++i) out += problems[i];
  if (problems.size() > max_problems)
    out += fmt::format("... and {} more\n", problems.size() - max_problems);
  return out;
}

}  // namespace goemu::asm_golden
