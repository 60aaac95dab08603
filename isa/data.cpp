// Data symbols. A GLOBL gives size and flags; DATA statements fill bytes inside that size.
#include "isa/data.h"

#include <fmt/format.h>

#include <cstring>
#include <map>

#include "isa/diag_sink.h"

namespace goemu::isa {
namespace {

// Initialized symbols are held in memory byte for byte; bss symbols may be as large as a GLOBL allows.
constexpr uint64_t kMaxInitializedBytes = 64 * 1024 * 1024;

SymbolKind KindFor(uint32_t flags, bool has_data) {
  if (flags & kFlagRodata) return SymbolKind::kRodata;
  if (flags & kFlagNoPtr) return has_data ? SymbolKind::kNoptrData : SymbolKind::kNoptrBss;
  return has_data ? SymbolKind::kData : SymbolKind::kBss;
}

void PutLittleEndian(std::vector<uint8_t>& out, int64_t off, int size, uint64_t value) {
  for (int i = 0; i < size; ++i) out[static_cast<size_t>(off + i)] = static_cast<uint8_t>(value >> (8 * i));
}

}  // namespace

std::vector<Symbol> BuildDataSymbols(const std::vector<GlobalStmt>& globals, const std::vector<DataStmt>& data,
                                     DiagSink& diags) {
  std::vector<Symbol> out;
  std::map<std::string, size_t> index;
  for (const GlobalStmt& g : globals) {
    if (auto it = index.find(g.sym); it != index.end()) {
      diags.Error(g.loc, fmt::format("duplicate GLOBL for {} (first at line {})", g.sym, out[it->second].loc.line), g.source);
      continue;
    }
    Symbol s;
    s.name = g.sym;
    s.flags = g.flags;
    s.size = static_cast<uint64_t>(g.size);
    s.args = kArgsUnknown;
    s.loc = g.loc;
    index[g.sym] = out.size();
    out.push_back(std::move(s));
  }
  std::vector<bool> has_data(out.size(), false);
  for (const DataStmt& d : data) {
    auto it = index.find(d.sym);
    if (it == index.end()) {
      diags.Error(d.loc, fmt::format("DATA for {} without a GLOBL: expected GLOBL {}(SB), $size", d.sym, d.sym), d.source);
      continue;
    }
    Symbol& s = out[it->second];
    // Written so that a huge offset cannot overflow past the check.
    if (d.off < 0 || d.off > static_cast<int64_t>(s.size) || d.size > static_cast<int64_t>(s.size) - d.off) {
      diags.Error(d.loc, fmt::format("DATA {}+{}/{} is out of range: GLOBL {} has size {}", d.sym, d.off, d.size, d.sym, s.size), d.source);
      continue;
    }
    if (s.size > kMaxInitializedBytes) {
      diags.Error(d.loc, fmt::format("DATA for {} of size {}: expected an initialized symbol of at most {} bytes "
                                     "(use a GLOBL without DATA for large zeroed memory)", d.sym, s.size, kMaxInitializedBytes), d.source);
      continue;
    }
    if (s.data.empty()) s.data.assign(s.size, 0);
    has_data[it->second] = true;
    switch (d.value.kind) {
      case OpKind::kImm:
        PutLittleEndian(s.data, d.off, d.size, static_cast<uint64_t>(d.value.offset));
        break;
      case OpKind::kFloat: {
        uint64_t bits = 0;
        if (d.size == 4) {
          float f = static_cast<float>(d.value.fvalue);
          uint32_t b32 = 0;
          std::memcpy(&b32, &f, 4);
          bits = b32;
        } else {
          std::memcpy(&bits, &d.value.fvalue, 8);
        }
        PutLittleEndian(s.data, d.off, d.size, bits);
        break;
      }
      case OpKind::kString:
        if (d.value.str.size() > static_cast<size_t>(d.size)) {
          diags.Error(d.value.loc, fmt::format("string of {} bytes does not fit DATA size {}", d.value.str.size(), d.size), d.source);
          break;
        }
        std::memcpy(s.data.data() + d.off, d.value.str.data(), d.value.str.size());
        break;
      case OpKind::kAddr:
        if (!d.value.IsSymbol()) {
          diags.Error(d.value.loc, "DATA address must be $sym(SB) or $sym+off(SB)", d.source);
          break;
        }
        s.relocs.push_back(Reloc{static_cast<uint32_t>(d.off), static_cast<uint8_t>(d.size), RelocType::kAddr,
                                 d.value.sym, d.value.offset});
        break;
      default:
        break;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].kind = KindFor(out[i].flags, has_data[i]);
  return out;
}

}  // namespace goemu::isa
