#include "runtime_model/traceback.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "runtime_model/layout.h"
#include "runtime_model/signals.h"

namespace goemu::rt {
namespace {

constexpr int kMaxFrames = 100;  // go1.13's _TracebackMaxFrames
constexpr int kMaxArgWords = 10;  // printargs stops after 10 words with ", ..."
// go1.13's topofstack: unwinding stops after these.
constexpr std::array<std::string_view, 5> kTopFrames = {"runtime.goexit", "runtime.mstart", "runtime.mcall",
                                                        "runtime.morestack", "runtime.rt0_go"};
// gStatusStrings, indexed by status without the scan bit.
constexpr std::array<std::string_view, 9> kStatusNames = {"idle", "runnable", "running", "syscall", "waiting",
                                                          "???",  "dead",     "???",     "copystack"};

uint64_t Word(const emu::Memory& memory, uint64_t addr) { return memory.PeekU64(addr).value_or(0); }
int32_t Int32(const emu::Memory& memory, uint64_t addr) {
  int32_t value = 0;
  memory.Peek(addr, &value, sizeof value);
  return value;
}
uint64_t Field(const emu::Memory& memory, uint64_t base, std::string_view field) {
  return Word(memory, base + *TryOffset(field));
}

// Who is printing and for which m: what Go's traceback reads from getg().m.
struct Printer {
  const isa::Image& image;
  const emu::Memory& memory;
  uint64_t curg;   // m.curg
  bool throwing;   // m.throwing > 0: every frame of curg with fp/sp/pc, and all goroutines
};

// The instruction that starts at pc, or else the one that contains pc - 1: a return address
// right at the end of a function (a CALL that never returns) belongs to the CALL.
const isa::Instruction* InsnFor(const isa::ImageSymbol& sym, uint64_t pc) {
  const isa::Instruction* found = nullptr;
  for (const isa::Instruction& insn : sym.symbol.insns) {
    if (insn.bytes.empty()) continue;
    const uint64_t at = sym.addr + insn.off;
    if (at == pc) return &insn;
    if (at < pc && pc <= at + insn.bytes.size()) found = &insn;
  }
  return found;
}

// "\tfile:line +0xoff": the line of tracepc, the offset of pc (omitted at the entry, as Go does).
std::string Location(const isa::ImageSymbol& sym, uint64_t pc, uint64_t tracepc) {
  const isa::Instruction* insn = InsnFor(sym, tracepc);
  const isa::SourceLoc loc = insn != nullptr ? insn->loc : sym.symbol.loc;
  std::string out = fmt::format("\t{}:{}", loc.file, loc.line);
  if (pc > sym.addr) out += fmt::format(" +{:#x}", pc - sym.addr);
  return out;
}

// showfuncinfo at GOTRACEBACK=single: Go code and exported runtime functions; gopanic in the
// middle of a trace, so the boundary between ordinary and panic-induced code shows.
bool ShownWhenNotThrowing(std::string_view name, bool first) {
  if (name == "runtime.gopanic") return !first;
  constexpr std::string_view kRuntime = "runtime.";
  if (name.find('.') == std::string_view::npos) return false;
  if (!name.starts_with(kRuntime)) return true;
  return name.size() > kRuntime.size() && std::isupper(static_cast<unsigned char>(name[kRuntime.size()]));
}

// "(0x1, 0x2)": the argument words, as printargs shows them.
std::string Args(const emu::Memory& memory, const isa::Symbol& sym, uint64_t argp) {
  const int64_t words = sym.args == isa::kArgsUnknown ? kMaxArgWords + 1 : sym.args / 8;
  std::string out = "(";
  for (int64_t i = 0; i < words; ++i) {
    if (i == kMaxArgWords) {
      out += ", ...";
      break;
    }
    if (i != 0) out += ", ";
    out += fmt::format("{:#x}", Word(memory, argp + 8 * i));
  }
  return out + ")";
}

// gentraceback's printing loop over gp's stack from (pc, sp). Returns the frames printed.
int Frames(const Printer& p, uint64_t gp, uint64_t pc, uint64_t sp, bool trap, bool all_frames, std::string& out) {
  const uint64_t hi = Field(p.memory, gp, "g.stack.hi");
  const bool verbose = p.throwing && gp == p.curg;
  int printed = 0;
  bool waspanic = false;
  for (int n = 0; n < kMaxFrames; ++n) {
    const isa::ImageSymbol* sym = p.image.SymbolAt(pc);
    if (sym == nullptr || sp >= hi) break;
    const isa::Instruction* insn = InsnFor(*sym, pc);
    if (insn == nullptr) break;
    const std::string& name = sym->symbol.name;
    const uint64_t entry_sp = sp + static_cast<uint64_t>(static_cast<int64_t>(insn->sp_delta));
    const uint64_t fp = entry_sp + 8;
    if (all_frames || verbose || ShownWhenNotThrowing(name, n == 0)) {
      const bool exact = (n == 0 && trap) || pc == sym->addr || waspanic;
      out += fmt::format("{}{}\n", name == "runtime.gopanic" ? "panic" : name, Args(p.memory, sym->symbol, fp));
      out += Location(*sym, pc, exact ? pc : pc - 1);
      if (verbose) out += fmt::format(" fp={:#x} sp={:#x} pc={:#x}", fp, sp, pc);
      out += "\n";
      ++printed;
    }
    if (std::find(kTopFrames.begin(), kTopFrames.end(), name) != kTopFrames.end()) break;
    waspanic = name == "runtime.sigpanic";
    pc = Word(p.memory, entry_sp);
    sp = fp;
  }
  return printed;
}

// traceback1: the frames (all of them when the shown ones were none), the elision note, and
// where a goroutine other than the main one was created.
std::string Traceback(const Printer& p, uint64_t gp, uint64_t pc, uint64_t sp, bool trap) {
  std::string out;
  int printed = Frames(p, gp, pc, sp, trap, false, out);
  if (printed == 0) printed = Frames(p, gp, pc, sp, trap, true, out);
  if (printed == kMaxFrames) out += "...additional frames elided...\n";
  const uint64_t gopc = Field(p.memory, gp, "g.gopc");
  const isa::ImageSymbol* creator = gopc != 0 ? p.image.SymbolAt(gopc) : nullptr;
  const std::string_view creator_name = creator != nullptr ? std::string_view(creator->symbol.name) : "";
  if (creator != nullptr && Field(p.memory, gp, "g.goid") != 1 &&
      ((p.throwing && gp == p.curg) || ShownWhenNotThrowing(creator_name, false))) {
    out += fmt::format("created by {}\n", creator_name);
    out += Location(*creator, gopc, gopc > creator->addr ? gopc - 1 : gopc) + "\n";
  }
  return out;
}

std::string Header(const emu::Memory& memory, uint64_t gp) {
  const uint32_t raw = static_cast<uint32_t>(Int32(memory, gp + Offset("g.atomicstatus")));
  const uint32_t status = raw & ~static_cast<uint32_t>(Const("_Gscan"));
  const std::string_view name = status < kStatusNames.size() ? kStatusNames[status] : "???";
  return fmt::format("goroutine {} [{}{}]:\n", Field(memory, gp, "g.goid"), name,
                     (raw & Const("_Gscan")) != 0 ? " (scan)" : "");
}

// Every g the runtime created, in creation order (runtime·allgs, a []*g).
std::vector<uint64_t> AllGs(const isa::Image& image, const emu::Memory& memory) {
  std::vector<uint64_t> gs;
  const isa::ImageSymbol* allgs = image.FindSymbol("runtime.allgs");
  if (allgs == nullptr) return gs;
  const uint64_t array = Word(memory, allgs->addr), len = Word(memory, allgs->addr + 8);
  for (uint64_t i = 0; i < len; ++i) gs.push_back(Word(memory, array + 8 * i));
  return gs;
}

// tracebackothers: the current goroutine first (unless it is `me`), then every other live g
// from where it was parked.
std::string Others(const Printer& p, uint64_t me) {
  std::string out;
  auto parked = [&](uint64_t gp) {
    out += "\n" + Header(p.memory, gp);
    out += Traceback(p, gp, Field(p.memory, gp, "g.sched.pc"), Field(p.memory, gp, "g.sched.sp"), false);
  };
  if (p.curg != 0 && p.curg != me) parked(p.curg);
  for (uint64_t gp : AllGs(p.image, p.memory)) {
    const uint32_t status = static_cast<uint32_t>(Int32(p.memory, gp + Offset("g.atomicstatus")));
    if (gp == me || gp == p.curg || status == Const("_Gdead")) continue;
    parked(gp);
  }
  return out;
}

Printer PrinterFor(const isa::Image& image, const emu::Memory& memory, uint64_t gp) {
  const uint64_t m = Field(memory, gp, "g.m");
  return {image, memory, m != 0 ? Field(memory, m, "m.curg") : 0,
          m != 0 && Int32(memory, m + Offset("m.throwing")) > 0};
}

}  // namespace

std::string FormatTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc, uint64_t sp,
                            uint64_t gp) {
  const Printer p = PrinterFor(image, memory, gp);
  std::string out;
  if (const uint32_t sig = static_cast<uint32_t>(Int32(memory, gp + Offset("g.sig"))); sig != 0) {
    out += fmt::format("[signal {} code={:#x} addr={:#x} pc={:#x}]\n", SignalName(sig),
                       Field(memory, gp, "g.sigcode0"), Field(memory, gp, "g.sigcode1"),
                       Field(memory, gp, "g.sigpc"));
  }
  const uint64_t m = Field(memory, gp, "g.m");
  const bool on_g0 = m != 0 && gp == Field(memory, m, "m.g0");
  out += on_g0 ? "\nruntime stack:\n" : "\n" + Header(memory, gp);
  out += Traceback(p, gp, pc, sp, false);
  if (p.throwing || gp != p.curg) out += Others(p, gp);
  return out;
}

std::string FormatTrapTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc, uint64_t sp,
                                uint64_t gp) {
  const Printer p = PrinterFor(image, memory, gp);
  return Header(memory, gp) + Traceback(p, gp, pc, sp, true) + Others(p, gp);
}

}  // namespace goemu::rt
