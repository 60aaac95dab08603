#include "trace/diagram.h"

#include <algorithm>

#include "trace/unwinder.h"

namespace goemu::trace {
namespace {

// The Go text of the instruction at pc, tabs as spaces.
std::string InsnText(const CodeIndex& code, uint64_t pc) {
  const isa::Instruction* insn = code.InsnAt(pc);
  if (insn == nullptr) return "?";
  std::string text = insn->text;
  std::replace(text.begin(), text.end(), '\t', ' ');
  return text;
}

struct Painter {
  const CodeIndex& code;
  const emu::Machine& machine;
  fmt::memory_buffer out;
  uint64_t sp, bp, fp;

  void Row(uint64_t addr, std::string_view what) {
    const auto value = machine.memory().PeekU64(addr);
    auto it = std::back_inserter(out);
    if (value) {
      fmt::format_to(it, "  {:#014x} | {:#018x} | {:<52}", addr, *value, what);
    } else {
      fmt::format_to(it, "  {:#014x} | {:>18} | {:<52}", addr, "(unmapped)", what);
    }
    if (addr == fp) fmt::format_to(it, " <- FP");
    if (addr == bp) fmt::format_to(it, " <- BP");
    if (addr == sp) fmt::format_to(it, " <- SP");
    out.push_back('\n');
  }
  void Rule(std::string_view title) {
    fmt::format_to(std::back_inserter(out), "  +{:-<90}\n", fmt::format("-- {} ", title));
  }
};

}  // namespace

std::string RenderAsciiDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                               const DiagramOptions& options) {
  const auto& cpu = machine.cpu();
  const emu::Memory& memory = machine.memory();
  const uint64_t sp = cpu.gpr[emu::kRsp];
  const StackOwner owner = runtime.OwnerOf(machine, sp);
  Unwinder unwinder(code, memory);
  UnwindEnd end;
  const std::vector<Frame> frames = unwinder.Unwind(cpu.rip, sp, owner.bounds, options.max_frames, &end);
  Painter p{code, machine, fmt::memory_buffer(), sp, cpu.gpr[emu::kRbp], frames.front().fp()};
  auto out = std::back_inserter(p.out);

  const uint64_t cur = runtime.CurrentG(machine);
  const auto g = runtime.ReadG(memory, owner.g);
  fmt::format_to(out, "stack {} [{:#x}, {:#x})", owner.name, owner.bounds.lo, owner.bounds.hi);
  if (g) fmt::format_to(out, " stackguard0={:#x}", g->stackguard0);
  const int64_t mid = runtime.MidOf(memory, owner.g);
  if (mid >= 0) fmt::format_to(out, " m{}", mid);
  fmt::format_to(out, "  current g: {}\n", runtime.NameOf(memory, cur));
  fmt::format_to(out, "pc {} ({})\n", code.Symbolize(cpu.rip), InsnText(code, cpu.rip));
  fmt::format_to(out, "  {:<14} | {:<18} |\n", "address", "value");

  // Outermost drawn frame first: high addresses at the top.
  for (size_t i = frames.size(); i-- > 0;) {
    const Frame& f = frames[i];
    const bool innermost = i == 0;
    // Where this frame's SP is: the current SP, or the SP at the CALL it made.
    const uint64_t frame_sp = innermost ? sp : frames[i - 1].entry_sp + 8;
    p.Rule(fmt::format("{} (frame {}, args {})", code.FuncName(f.func), f.func == kNoFunc ? 0 : code.FrameSize(f.func),
                       f.func == kNoFunc ? 0 : code.ArgsSize(f.func)));
    if (f.func != kNoFunc) {
      const auto slots = code.ArgSlots(f.func);
      for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
        p.Row(f.fp() + it->off, fmt::format("{}+{}(FP)", it->name, it->off));
      }
    }
    if (i + 1 < frames.size() || memory.PeekU64(f.entry_sp)) {
      const uint64_t ret = memory.PeekU64(f.entry_sp).value_or(0);
      p.Row(f.entry_sp, fmt::format("ret {} ({})", code.Symbolize(ret), InsnText(code, ret)));
    }
    uint64_t addr = f.entry_sp - 8;
    if (f.func != kNoFunc && code.HasBpSlot(f.func)) {
      p.Row(addr, "saved BP");
      addr -= 8;
    }
    size_t words = 0;
    for (; addr >= frame_sp && addr < f.entry_sp; addr -= 8) {
      if (++words > options.max_words_per_frame) {
        fmt::format_to(out, "  {:>14} | {:>18} | ({} more words)\n", "...", "", (addr - frame_sp) / 8 + 1);
        break;
      }
      p.Row(addr, addr < frame_sp + 8 * 4 && !innermost ? "out arg / local" : "local");
    }
  }
  fmt::format_to(out, "  +{:-<90}\n", "");
  fmt::format_to(out, "unwinding stopped: {}\n", UnwindEndName(end));

  if (const auto cg = runtime.ReadG(memory, cur)) {
    fmt::format_to(out, "{}.sched: sp={:#x} pc={} bp={:#x} ctxt={:#x}\n", runtime.NameOf(memory, cur), cg->sched.sp,
                   cg->sched.pc != 0 ? code.Symbolize(cg->sched.pc) : "0", cg->sched.bp, cg->sched.ctxt);
    for (const DeferRecord& d : runtime.Defers(memory, cur)) {
      fmt::format_to(out, "_defer {:#x}: siz={} sp={:#x} pc={} fn={:#x}\n", d.addr, d.siz, d.sp, code.Symbolize(d.pc),
                     d.fn);
    }
  }
  return fmt::to_string(p.out);
}

}  // namespace goemu::trace
