#include "debugger/location.h"

#include <algorithm>

#include <fmt/format.h>

namespace goemu::debugger {
namespace {

// Go's register names, as `x` accepts them, and the hardware register each one is.
std::optional<uint64_t> RegisterValue(std::string_view name, const emu::CpuState& cpu) {
  if (name == "pc" || name == "rip") return cpu.rip;
  if (name == "fs_base") return cpu.fs_base;
  static constexpr std::pair<std::string_view, emu::Gpr> kGoNames[] = {
      {"ax", emu::kRax}, {"cx", emu::kRcx}, {"dx", emu::kRdx}, {"bx", emu::kRbx},
      {"sp", emu::kRsp}, {"bp", emu::kRbp}, {"si", emu::kRsi}, {"di", emu::kRdi}};
  for (auto [go, gpr] : kGoNames) {
    if (name == go) return cpu.gpr[gpr];
  }
  if (auto gpr = emu::ParseGprName(name)) return cpu.gpr[*gpr];
  return std::nullopt;
}

// "defer.s" matches "programs/defer.s" and "programs/defer.s" itself, never "xdefer.s".
bool SameFile(std::string_view path, std::string_view wanted) {
  if (path == wanted) return true;
  return path.size() > wanted.size() && path.ends_with(wanted) && path[path.size() - wanted.size() - 1] == '/';
}

Resolved AtFileLine(const Location& location, const isa::Image& image) {
  for (const isa::ImageInsn& insn : image.insns) {  // sorted by address: the first is the lowest
    const isa::Instruction& src = InsnOf(image, insn);
    if (src.loc.line == location.line && SameFile(src.loc.file, location.name)) return Resolved{insn.addr, {}};
  }
  return Resolved{0, fmt::format("no instruction at {}:{}", location.name, location.line)};
}

}  // namespace

const isa::ImageInsn* InsnContaining(const isa::Image& image, uint64_t addr) {
  auto it = std::upper_bound(image.insns.begin(), image.insns.end(), addr,
                             [](uint64_t a, const isa::ImageInsn& insn) { return a < insn.addr; });
  if (it == image.insns.begin()) return nullptr;
  --it;
  return addr < it->addr + it->size ? &*it : nullptr;
}

std::string SourceLine(const isa::Image& image, uint64_t addr) {
  const isa::ImageInsn* insn = InsnContaining(image, addr);
  if (insn == nullptr) return {};
  const isa::SourceLoc& loc = InsnOf(image, *insn).loc;
  return fmt::format("{}:{}", loc.file, loc.line);
}

Resolved ResolveCode(const Location& location, const isa::Image& image) {
  uint64_t addr = 0;
  switch (location.kind) {
    case Location::Kind::kFileLine:
      return AtFileLine(location, image);
    case Location::Kind::kRegister:
      return Resolved{0, "a register is not a code location"};
    case Location::Kind::kAddress:
      addr = location.addr;
      break;
    case Location::Kind::kSymbol: {
      const isa::ImageSymbol* sym = image.FindSymbol(location.name);
      if (sym == nullptr) return Resolved{0, fmt::format("no symbol \"{}\"", location.name)};
      if (sym->symbol.kind != isa::SymbolKind::kText) {
        return Resolved{0, fmt::format("\"{}\" is data, not code", location.name)};
      }
      addr = sym->addr + location.offset;
      break;
    }
  }
  if (image.InsnAt(addr) == nullptr) return Resolved{0, fmt::format("{:#x} does not start an instruction", addr)};
  return Resolved{addr, {}};
}

Resolved ResolveData(const Location& location, const isa::Image& image, const emu::CpuState& cpu) {
  switch (location.kind) {
    case Location::Kind::kAddress:
      return Resolved{location.addr, {}};
    case Location::Kind::kRegister: {
      auto value = RegisterValue(location.name, cpu);
      if (!value) return Resolved{0, fmt::format("unknown register \"{}\"", location.name)};
      return Resolved{*value + location.offset, {}};
    }
    case Location::Kind::kSymbol: {
      const isa::ImageSymbol* sym = image.FindSymbol(location.name);
      if (sym == nullptr) return Resolved{0, fmt::format("no symbol \"{}\"", location.name)};
      return Resolved{sym->addr + location.offset, {}};
    }
    case Location::Kind::kFileLine:
      break;
  }
  return Resolved{0, "file:line is not a data address"};
}

}  // namespace goemu::debugger
