#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "debugger/inspect.h"
#include "debugger/location.h"
#include "runtime_model/runtime_sources.h"

namespace goemu::debugger {
namespace {

constexpr int kListContext = 5;      // source lines either side of pc
constexpr ptrdiff_t kDisasContext = 6;  // instructions either side of pc
constexpr std::string_view kRuntimeDir = "runtime_model/asm/";

// The runtime's sources are embedded in goemu; the user's are read from where they were given.
std::optional<std::string> SourceText(const std::string& path) {
  if (path.starts_with(kRuntimeDir)) {
    const std::string_view name = std::string_view(path).substr(kRuntimeDir.size());
    for (const rt::EmbeddedFile& file : rt::EmbeddedRuntimeFiles()) {
      if (file.name == name) return std::string(file.text);
    }
  }
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FlagNames(uint64_t rflags) {
  static constexpr std::pair<uint64_t, std::string_view> kFlags[] = {
      {emu::kFlagCF, "CF"}, {emu::kFlagPF, "PF"}, {emu::kFlagAF, "AF"}, {emu::kFlagZF, "ZF"},
      {emu::kFlagSF, "SF"}, {emu::kFlagIF, "IF"}, {emu::kFlagDF, "DF"}, {emu::kFlagOF, "OF"}};
  std::string names;
  for (auto [bit, name] : kFlags) {
    if ((rflags & bit) == 0) continue;
    if (!names.empty()) names += ' ';
    names += name;
  }
  return names;
}

}  // namespace

Reply Registers(Session& session) {
  const emu::CpuState& cpu = session.machine().cpu();
  std::string text;
  for (int r = 0; r < emu::kGprCount; ++r) {
    text += fmt::format("{:<4}{:#018x}{}", emu::GprName(static_cast<emu::Gpr>(r)), cpu.gpr[r], r % 4 == 3 ? "\n" : "  ");
  }
  text += fmt::format("rip {:#018x} {}\n", cpu.rip, session.code().Symbolize(cpu.rip));
  text += fmt::format("rflags {:#x} [{}]  fs_base {:#x}\n", cpu.rflags, FlagNames(cpu.rflags), cpu.fs_base);
  return Reply{text, {}};
}

Reply Examine(Session& session, const Location& location, uint64_t words) {
  const Resolved at = ResolveData(location, session.image(), session.machine().cpu());
  if (!at.error.empty()) return Reply::Error("x: " + at.error);
  const emu::Memory& memory = session.machine().memory();
  std::string text;
  for (uint64_t i = 0; i < words; ++i) {
    const uint64_t addr = at.addr + 8 * i;
    const std::optional<uint64_t> word = memory.PeekU64(addr);
    if (!word) {
      text += fmt::format("{:#x}: <unmapped>\n", addr);
      break;
    }
    // A word that is a code address is most likely a return address or a func value.
    const bool code = session.code().Lookup(*word).func != trace::kNoFunc;
    text += fmt::format("{:#x}: {:#018x}{}\n", addr, *word, code ? " " + session.code().Symbolize(*word) : "");
  }
  return Reply{text, {}};
}

Reply ListSource(Session& session) {
  const uint64_t pc = session.machine().cpu().rip;
  const isa::ImageInsn* insn = InsnContaining(session.image(), pc);
  if (insn == nullptr) return Reply::Error(fmt::format("list: no source for {:#x}", pc));
  const isa::SourceLoc& loc = InsnOf(session.image(), *insn).loc;
  const std::optional<std::string> source = SourceText(loc.file);
  if (!source) return Reply::Error(fmt::format("list: cannot read {}", loc.file));
  std::string text = fmt::format("{}:{}\n", loc.file, loc.line);
  std::istringstream lines(*source);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (n < loc.line - kListContext) continue;
    if (n > loc.line + kListContext) break;
    text += fmt::format("{}{:>5}  {}\n", n == loc.line ? "=>" : "  ", n, line);
  }
  return Reply{text, {}};
}

Reply Disassembly(Session& session) {
  const emu::Machine& machine = session.machine();
  const isa::Image& image = session.image();
  const uint64_t pc = machine.cpu().rip;
  const isa::ImageInsn* here = InsnContaining(image, pc);
  if (here == nullptr) return Reply{fmt::format("=> {:#x} ({})\n", pc, machine.Disassemble(pc)), {}};
  const ptrdiff_t at = here - image.insns.data();
  const ptrdiff_t first = std::max<ptrdiff_t>(0, at - kDisasContext);
  const ptrdiff_t last = std::min<ptrdiff_t>(static_cast<ptrdiff_t>(image.insns.size()) - 1, at + kDisasContext);
  std::string text;
  for (ptrdiff_t i = first; i <= last; ++i) {
    const isa::ImageInsn& insn = image.insns[i];
    if (insn.symbol != here->symbol) continue;  // stay inside the function
    std::vector<uint8_t> bytes(insn.size);
    machine.memory().Peek(insn.addr, bytes.data(), bytes.size());
    text += fmt::format("{} {:#x} {:<28} {:<24} {}\n", insn.addr == here->addr ? "=>" : "  ", insn.addr,
                        session.code().Symbolize(insn.addr), fmt::format("{:02x}", fmt::join(bytes, " ")),
                        InsnOf(image, insn).text);
  }
  return Reply{text, {}};
}

}  // namespace goemu::debugger
