// `go tool asm -S`-style listings and the JSON form of an object.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "isa/assembler.h"
#include "isa/go_version.h"

namespace goemu::isa {
namespace {

// Go prints symbols of the package being assembled with an empty package path.
std::string GoName(const std::string& name, const std::string& package) {
  std::string prefix = package + ".";
  std::string base = name.starts_with(prefix) ? "\"\"." + name.substr(prefix.size()) : name;
  return base;
}

std::string FlagNames(uint32_t flags) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {
      {kFlagNoProf, "NOPROF"},   {kFlagDupOk, "DUPOK"},       {kFlagNoSplit, "NOSPLIT"},
      {kFlagRodata, "RODATA"},   {kFlagNoPtr, "NOPTR"},       {kFlagWrapper, "WRAPPER"},
      {kFlagNeedCtxt, "NEEDCTXT"}, {kFlagTlsBss, "TLSBSS"},   {kFlagNoFrame, "NOFRAME"},
      {kFlagReflectMethod, "REFLECTMETHOD"}, {kFlagTopFrame, "TOPFRAME"}, {kFlagAbiWrapper, "ABIWRAPPER"}};
  std::string out;
  for (auto [bit, name] : kNames) {
    if (!(flags & bit)) continue;
    if (!out.empty()) out += "|";
    out += name;
  }
  return out;
}

std::string KindName(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::kText: return "STEXT";
    case SymbolKind::kRodata: return "SRODATA";
    case SymbolKind::kData: return "SDATA";
    case SymbolKind::kNoptrData: return "SNOPTRDATA";
    case SymbolKind::kBss: return "SBSS";
    case SymbolKind::kNoptrBss: return "SNOPTRBSS";
  }
  return "?";
}

std::string Hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  for (uint8_t b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

std::string ArgsHex(int64_t args) {
  // -S prints the int32 args field sign-extended to 64 bits.
  return fmt::format("{:#x}", static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(args))));
}

void HexDump(std::string& out, const std::vector<uint8_t>& bytes, const std::vector<Reloc>& relocs) {
  for (size_t row = 0; row < bytes.size(); row += 16) {
    std::string hex, ascii;
    for (size_t i = row; i < row + 16; ++i) {
      if (i < bytes.size()) {
        hex += fmt::format("{:02x} ", bytes[i]);
        ascii += bytes[i] >= 0x20 && bytes[i] < 0x7f ? static_cast<char>(bytes[i]) : '.';
      } else {
        hex += "   ";
      }
    }
    out += fmt::format("\t{:#06x} {} {}\n", row, hex, ascii);
  }
  for (const Reloc& r : relocs) {
    out += fmt::format("\trel {}+{} t={} {}{:+}\n", r.off, r.size, RelocTypeName(r.type), r.sym, r.addend);
  }
}

}  // namespace

std::string FormatListing(const Object& object, const AssembleOptions& options) {
  const GoVersionTraits& traits = TraitsFor(options.go_version);
  std::string out;
  for (const Symbol& s : object.symbols) {
    std::string name = GoName(s.name, options.package);
    if (s.kind != SymbolKind::kText) {
      bool is_static = s.name.ends_with("<>");
      out += fmt::format("{} {}{} size={}\n", is_static ? name.substr(0, name.size() - 2) : name, KindName(s.kind),
                         is_static ? " static" : "", s.size);
      HexDump(out, s.data, s.relocs);
      continue;
    }
    out += fmt::format("{} STEXT{}{} size={} args={} locals={:#x}{}\n", name, (s.flags & kFlagNoSplit) ? " nosplit" : "",
                       traits.listing_attrs, s.size, ArgsHex(s.args), s.frame, traits.listing_suffix);
    std::string flags = FlagNames(s.flags);
    std::string frame = s.args == kArgsUnknown ? fmt::format("${}", s.frame) : fmt::format("${}-{}", s.frame, s.args);
    std::string file = s.loc.file.substr(s.loc.file.find_last_of('/') + 1);
    out += fmt::format("\t0x0000 00000 ({}:{})\tTEXT\t{}(SB), {}{}\n", file, s.loc.line, name,
                       flags.empty() ? "" : flags + ", ", frame);
    std::vector<uint8_t> code;
    for (const Instruction& insn : s.insns) {
      std::string ifile = insn.loc.file.substr(insn.loc.file.find_last_of('/') + 1);
      out += fmt::format("\t{:#06x} {:05d} ({}:{})\t{}\n", insn.off, insn.off, ifile, insn.loc.line, insn.text);
      code.insert(code.end(), insn.bytes.begin(), insn.bytes.end());
    }
    HexDump(out, code, s.relocs);
  }
  return out;
}

std::string FormatJson(const Object& object) {
  nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
  for (const Symbol& s : object.symbols) {
    nlohmann::ordered_json sym;
    sym["name"] = s.name;
    sym["size"] = s.size;
    sym["frame"] = s.frame;
    sym["args"] = s.args == kArgsUnknown ? -1 : s.args;
    sym["flags"] = s.flags;
    nlohmann::ordered_json insns = nlohmann::ordered_json::array();
    for (const Instruction& insn : s.insns) {
      insns.push_back({{"off", insn.off}, {"hex", Hex(insn.bytes)}, {"text", insn.text}, {"line", insn.loc.line}});
    }
    sym["insns"] = std::move(insns);
    nlohmann::ordered_json relocs = nlohmann::ordered_json::array();
    for (const Reloc& r : s.relocs) {
      relocs.push_back({{"off", r.off}, {"size", r.size}, {"type", RelocTypeName(r.type)}, {"sym", r.sym}});
    }
    sym["relocs"] = std::move(relocs);
    if (s.kind != SymbolKind::kText) sym["data"] = s.data.empty() ? std::string(2 * s.size, '0') : Hex(s.data);
    symbols.push_back(std::move(sym));
  }
  nlohmann::ordered_json root;
  root["symbols"] = std::move(symbols);
  return root.dump() + "\n";
}

}  // namespace goemu::isa
