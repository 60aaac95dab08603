#include "runtime_model/traceback.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "runtime_model/layout.h"

namespace goemu::rt {
namespace {

constexpr int kMaxFrames = 100;  // go1.13's _TracebackMaxFrames
constexpr std::array<std::string_view, 3> kTopFrames = {"runtime.goexit", "runtime.mstart",
                                                        "runtime.rt0_go"};

uint64_t Word(const emu::Memory& memory, uint64_t addr) { return memory.PeekU64(addr).value_or(0); }

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

// file:line of the call that pushed return address pc, and pc's offset in its function.
std::string Location(const isa::ImageSymbol& sym, uint64_t pc) {
  const isa::Instruction* call = InsnFor(sym, pc - 1);
  const isa::SourceLoc loc = call != nullptr ? call->loc : sym.symbol.loc;
  return fmt::format("\t{}:{} +{:#x}\n", loc.file, loc.line, pc - sym.addr);
}

// The frames of one stack, from (pc, sp) inside [lo, hi).
std::string Frames(const isa::Image& image, const emu::Memory& memory, uint64_t pc, uint64_t sp,
                   uint64_t lo, uint64_t hi) {
  std::string out;
  for (int frame = 0;; ++frame) {
    const isa::ImageSymbol* sym = image.SymbolAt(pc);
    if (sym == nullptr || sp < lo || sp >= hi) break;
    if (frame == kMaxFrames) {
      out += "...additional frames elided...\n";
      break;
    }
    out += fmt::format("{}(...)\n", sym->symbol.name);
    out += Location(*sym, pc);
    if (std::find(kTopFrames.begin(), kTopFrames.end(), sym->symbol.name) != kTopFrames.end()) break;
    const isa::Instruction* insn = InsnFor(*sym, pc);
    if (insn == nullptr) break;
    const uint64_t entry_sp = sp + static_cast<uint64_t>(static_cast<int64_t>(insn->sp_delta));
    pc = Word(memory, entry_sp);
    sp = entry_sp + 8;
  }
  return out;
}

// "goroutine N [running]:" and gp's frames from (pc, sp), then where gp was created.
std::string Goroutine(const isa::Image& image, const emu::Memory& memory, uint64_t pc, uint64_t sp,
                      uint64_t gp) {
  const uint64_t goid = Word(memory, gp + Offset("g.goid"));
  std::string out = fmt::format("\ngoroutine {} [running]:\n", goid);
  out += Frames(image, memory, pc, sp, Word(memory, gp + Offset("g.stack.lo")),
                Word(memory, gp + Offset("g.stack.hi")));
  const uint64_t gopc = Word(memory, gp + Offset("g.gopc"));
  if (goid != 1 && gopc != 0) {
    if (const isa::ImageSymbol* creator = image.SymbolAt(gopc)) {
      out += fmt::format("created by {}\n", creator->symbol.name);
      out += Location(*creator, gopc);
    }
  }
  return out;
}

}  // namespace

std::string FormatTraceback(const isa::Image& image, const emu::Memory& memory, uint64_t pc,
                            uint64_t sp, uint64_t gp) {
  const uint64_t m = Word(memory, gp + Offset("g.m"));
  const uint64_t g0 = m != 0 ? Word(memory, m + Offset("m.g0")) : 0;
  if (gp != g0) return Goroutine(image, memory, pc, sp, gp);
  // A throw on g0 (newstack, schedule, ...): g0's frames as "runtime stack", then the
  // goroutine the m was running, from where it was parked (g.sched), as go1.13's dopanic_m.
  std::string out = "\nruntime stack:\n";
  out += Frames(image, memory, pc, sp, Word(memory, gp + Offset("g.stack.lo")),
                Word(memory, gp + Offset("g.stack.hi")));
  if (const uint64_t curg = Word(memory, m + Offset("m.curg")); curg != 0) {
    out += Goroutine(image, memory, Word(memory, curg + Offset("g.sched.pc")),
                     Word(memory, curg + Offset("g.sched.sp")), curg);
  }
  return out;
}

}  // namespace goemu::rt
