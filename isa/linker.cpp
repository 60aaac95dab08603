// Link: lays out sections at fixed guest addresses, resolves relocations, builds the side
// tables (address -> symbol, address -> instruction) the interpreter and tracer use.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "isa/assembler.h"
#include "isa/diag_sink.h"
#include "isa/go_version.h"

namespace goemu::isa {
namespace {

constexpr uint64_t kPageSize = 0x1000;
constexpr uint64_t kFuncAlign = 32;  // Go's linker aligns amd64 functions to 32 bytes, padding with INT3
constexpr uint8_t kInt3 = 0xCC;

uint64_t AlignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

uint64_t DataAlign(uint64_t size) {
  uint64_t a = 1;
  while (a < 8 && a < size) a <<= 1;
  return a;
}

struct SectionSpec {
  const char* name;
  bool writable;
  bool executable;
  std::vector<SymbolKind> kinds;
};

const SectionSpec kSections[] = {
    {".text", false, true, {SymbolKind::kText}},
    {".rodata", false, false, {SymbolKind::kRodata}},
    {".data", true, false, {SymbolKind::kData}},
    {".noptrdata", true, false, {SymbolKind::kNoptrData}},
    {".bss", true, false, {SymbolKind::kBss, SymbolKind::kNoptrBss}},
};

// The line of the instruction holding a relocation (the symbol's own line for data).
SourceLoc RelocLoc(const Symbol& s, const Reloc& r) {
  for (const Instruction& insn : s.insns) {
    if (r.off >= insn.off && r.off < insn.off + insn.bytes.size()) return insn.loc;
  }
  return s.loc;
}

}  // namespace

LinkResult Link(const std::vector<Object>& objects, const LinkOptions& options) {
  DiagSink diags(100);
  LinkResult result;
  Image& image = result.image;
  std::map<std::string, size_t> by_name;
  std::vector<const Symbol*> all;
  for (const Object& o : objects) {
    for (const Symbol& s : o.symbols) {
      if (by_name.count(s.name)) {
        diags.Error(s.loc, fmt::format("duplicate symbol {} at link (also defined at {}:{})", s.name,
                                       all[by_name[s.name]]->loc.file, all[by_name[s.name]]->loc.line));
        continue;
      }
      by_name[s.name] = all.size();
      all.push_back(&s);
    }
  }
  // Lay out each section in input order.
  uint64_t addr = options.text_base;
  std::vector<uint64_t> sym_addr(all.size(), 0);
  for (const SectionSpec& spec : kSections) {
    Segment seg;
    seg.name = spec.name;
    seg.addr = addr;
    seg.writable = spec.writable;
    seg.executable = spec.executable;
    bool bss = std::string_view(spec.name) == ".bss";
    for (size_t i = 0; i < all.size(); ++i) {
      if (std::find(spec.kinds.begin(), spec.kinds.end(), all[i]->kind) == spec.kinds.end()) continue;
      uint64_t align = spec.executable ? kFuncAlign : DataAlign(all[i]->size);
      uint64_t off = AlignUp(seg.mem_size, align);
      if (!bss) seg.bytes.resize(off, spec.executable ? kInt3 : 0);
      sym_addr[i] = seg.addr + off;
      seg.mem_size = off + all[i]->size;
      if (bss) continue;
      if (spec.executable) {
        for (const Instruction& insn : all[i]->insns) seg.bytes.insert(seg.bytes.end(), insn.bytes.begin(), insn.bytes.end());
      } else {
        seg.bytes.insert(seg.bytes.end(), all[i]->data.begin(), all[i]->data.end());
        seg.bytes.resize(seg.mem_size, 0);
      }
    }
    if (seg.mem_size == 0) continue;
    addr = AlignUp(seg.addr + seg.mem_size, kPageSize);
    image.segments.push_back(std::move(seg));
  }
  // Resolve relocations in place, in the segment bytes.
  auto segment_for = [&](uint64_t a) -> Segment* {
    for (Segment& s : image.segments) {
      if (a >= s.addr && a < s.addr + s.bytes.size()) return &s;
    }
    return nullptr;
  };
  const int64_t tls_g = TlsModelFor(GoOs::kLinux).tls_g;
  for (size_t i = 0; i < all.size(); ++i) {
    for (const Reloc& r : all[i]->relocs) {
      uint64_t field = sym_addr[i] + r.off;
      int64_t value = 0;
      if (r.type == RelocType::kTlsLe) {
        value = tls_g + r.addend;
      } else {
        auto it = by_name.find(r.sym);
        if (it == by_name.end()) {
          diags.Error(RelocLoc(*all[i], r), fmt::format("undefined symbol {} referenced by {}: expected a TEXT or GLOBL defining it", r.sym, all[i]->name));
          continue;
        }
        int64_t target = static_cast<int64_t>(sym_addr[it->second]) + r.addend;
        value = r.type == RelocType::kAddr ? target : target - static_cast<int64_t>(field + 4);
      }
      Segment* seg = segment_for(field);
      if (!seg) continue;
      for (int b = 0; b < r.size; ++b) seg->bytes[field - seg->addr + static_cast<uint64_t>(b)] = static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * b));
    }
  }
  // Symbols (with their bytes patched) and the instruction table.
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sym_addr[a] < sym_addr[b]; });
  for (size_t i : order) {
    ImageSymbol is{*all[i], sym_addr[i]};
    if (Segment* seg = segment_for(sym_addr[i])) {
      for (Instruction& insn : is.symbol.insns) {
        uint64_t at = sym_addr[i] + insn.off - seg->addr;
        std::copy(seg->bytes.begin() + static_cast<long>(at), seg->bytes.begin() + static_cast<long>(at + insn.bytes.size()), insn.bytes.begin());
      }
      if (is.symbol.kind != SymbolKind::kText && !is.symbol.data.empty()) {
        uint64_t at = sym_addr[i] - seg->addr;
        std::copy(seg->bytes.begin() + static_cast<long>(at), seg->bytes.begin() + static_cast<long>(at + is.symbol.size), is.symbol.data.begin());
      }
    }
    uint32_t sym_index = static_cast<uint32_t>(image.symbols.size());
    for (uint32_t k = 0; k < is.symbol.insns.size(); ++k) {
      const Instruction& insn = is.symbol.insns[k];
      if (insn.bytes.empty()) continue;
      image.insns.push_back(ImageInsn{sym_addr[i] + insn.off, static_cast<uint32_t>(insn.bytes.size()), sym_index, k});
    }
    image.symbols.push_back(std::move(is));
  }
  if (auto it = by_name.find(options.entry); it != by_name.end()) {
    image.entry = sym_addr[it->second];
  } else if (options.require_entry) {
    diags.Error(SourceLoc{"<link>", 0, 0}, fmt::format("entry symbol {} is not defined", options.entry));
  }
  result.diagnostics = diags.Take();
  return result;
}

const ImageSymbol* Image::FindSymbol(std::string_view name) const {
  for (const ImageSymbol& s : symbols) {
    if (s.symbol.name == name) return &s;
  }
  return nullptr;
}

const ImageSymbol* Image::SymbolAt(uint64_t addr) const {
  auto it = std::upper_bound(symbols.begin(), symbols.end(), addr,
                             [](uint64_t a, const ImageSymbol& s) { return a < s.addr; });
  if (it == symbols.begin()) return nullptr;
  --it;
  return addr < it->addr + it->symbol.size ? &*it : nullptr;
}

const Instruction* Image::InsnAt(uint64_t pc) const {
  auto it = std::lower_bound(insns.begin(), insns.end(), pc, [](const ImageInsn& i, uint64_t a) { return i.addr < a; });
  if (it == insns.end() || it->addr != pc) return nullptr;
  return &symbols[it->symbol].symbol.insns[it->insn];
}

}  // namespace goemu::isa
