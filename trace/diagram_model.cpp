#include "trace/diagram_model.h"

#include <algorithm>

#include <fmt/format.h>

namespace goemu::trace {
namespace {

// go1.13's g.atomicstatus values (runtime2.go); _Gscan (0x1000) is or-ed in while a g is scanned.
constexpr uint32_t kGscan = 0x1000;
constexpr uint32_t kGdead = 6;

struct StackSource {
  uint64_t pc = 0, sp = 0, bp = 0;
  uint64_t g = 0;
  bool live = false;
};

// Labels the rows of one frame's own area, [frame_sp, entry_sp), and its return slot. The
// callee's argument slots (at its FP) carry the names the callee's code gives them.
class FramePainter {
 public:
  FramePainter(const CodeIndex& code, const emu::Memory& memory, const DiagramOptions& options)
      : code_(code), memory_(memory), options_(options) {}

  DiagramRow Row(uint64_t addr, RowKind kind, std::string label) const {
    return DiagramRow{addr, memory_.PeekU64(addr), kind, std::move(label), 0};
  }

  // Rows for the argument area of `f` (above its return slot), as its own code names it.
  void AppendArgs(const Frame& f, std::vector<DiagramRow>& rows) const {
    if (f.func == kNoFunc) return;
    const auto slots = code_.ArgSlots(f.func);
    for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
      rows.push_back(Row(f.fp() + it->off, RowKind::kArg, fmt::format("{}+{}(FP)", it->name, it->off)));
    }
  }

  DiagramFrame Paint(const Frame& f, const Frame* callee, uint64_t frame_sp, bool has_ret) const {
    DiagramFrame out;
    out.func = f.func;
    const bool known = f.func != kNoFunc;
    out.title = fmt::format("{} (frame {}, args {})", code_.FuncName(f.func), known ? code_.FrameSize(f.func) : 0,
                            known ? code_.ArgsSize(f.func) : 0);
    if (has_ret) {
      const uint64_t ret = memory_.PeekU64(f.entry_sp).value_or(0);
      out.rows.push_back(
          Row(f.entry_sp, RowKind::kReturn, fmt::format("ret {} ({})", code_.Symbolize(ret), InsnText(code_, ret))));
    }
    uint64_t addr = f.entry_sp - 8;
    uint64_t top = addr;
    // A top frame without a return slot is a frame gostartcall made up (goexit under a new
    // goroutine): the arguments newproc copied for its callee lie above its entry SP.
    if (!has_ret && callee != nullptr && callee->func != kNoFunc && code_.ArgsSize(callee->func) > 0) {
      top = std::max(top, callee->fp() + code_.ArgsSize(callee->func) - 8);
      addr = top;
    }
    if (known && code_.HasBpSlot(f.func) && addr >= frame_sp && addr == f.entry_sp - 8) {
      out.rows.push_back(Row(addr, RowKind::kSavedBp, "saved BP"));
      addr -= 8;
    }
    std::vector<ArgSlot> callee_slots;
    if (callee != nullptr && callee->func != kNoFunc) callee_slots = code_.ArgSlots(callee->func);
    size_t words = 0;
    for (; addr >= frame_sp && addr <= top; addr -= 8) {
      if (++words > options_.max_words_per_frame) {
        DiagramRow elided{addr, std::nullopt, RowKind::kElided, "", (addr - frame_sp) / 8 + 1};
        elided.label = fmt::format("({} more words)", elided.elided_words);
        out.rows.push_back(std::move(elided));
        break;
      }
      out.rows.push_back(CalleeArgOrLocal(addr, callee, callee_slots));
    }
    return out;
  }

 private:
  DiagramRow CalleeArgOrLocal(uint64_t addr, const Frame* callee, const std::vector<ArgSlot>& slots) const {
    if (callee != nullptr && addr >= callee->fp()) {
      const int64_t off = static_cast<int64_t>(addr - callee->fp());
      std::string names;
      for (const ArgSlot& s : slots) {
        if (s.off == off) names += fmt::format("{}{}+{}(FP)", names.empty() ? "" : " ", s.name, s.off);
      }
      if (!names.empty()) return Row(addr, RowKind::kArg, std::move(names));
      if (off < code_.ArgsSize(callee->func)) return Row(addr, RowKind::kArg, fmt::format("+{}(FP)", off));
    }
    return Row(addr, RowKind::kLocal, "local");
  }

  const CodeIndex& code_;
  const emu::Memory& memory_;
  const DiagramOptions& options_;
};

StackDiagram DrawStack(const CodeIndex& code, const RuntimeView& runtime, const emu::Memory& memory,
                       const StackSource& src, const StackOwner& owner, const DiagramOptions& options) {
  StackDiagram s;
  s.name = owner.name;
  s.g = owner.g;
  s.bounds = owner.bounds;
  s.live = src.live;
  s.pc = src.pc;
  s.sp = src.sp;
  s.bp = src.bp;
  s.m_id = runtime.MidOf(memory, owner.g);
  s.is_g0 = owner.name == "g0";
  if (const auto g = runtime.ReadG(memory, owner.g)) {
    s.stackguard0 = g->stackguard0;
    // g0 and gsignal are never scheduled: their status says nothing.
    if (owner.goid > 0) s.status = GStatusText(runtime.Status(memory, owner.g));
  }
  s.where = fmt::format("{} ({})", code.Symbolize(src.pc), InsnText(code, src.pc));
  if (src.sp == 0) return s;
  Unwinder unwinder(code, memory);
  const std::vector<Frame> frames = unwinder.Unwind(src.pc, src.sp, owner.bounds, options.max_frames, &s.end);
  FramePainter painter(code, memory, options);
  // Outermost drawn frame first: high addresses at the top. Its arguments belong to a caller
  // not drawn, so they head the picture.
  for (size_t i = frames.size(); i-- > 0;) {
    const Frame& f = frames[i];
    const bool outermost = i + 1 == frames.size();
    const Frame* callee = i > 0 ? &frames[i - 1] : nullptr;
    const uint64_t frame_sp = callee != nullptr ? callee->fp() : src.sp;
    // A top frame (goexit, mstart) returns nowhere: its slot holds no return address.
    const bool top = f.func != kNoFunc && code.IsTopFrame(f.func);
    const bool has_ret = !outermost || (!top && memory.PeekU64(f.entry_sp).has_value());
    DiagramFrame drawn = painter.Paint(f, callee, frame_sp, has_ret);
    if (outermost) {
      std::vector<DiagramRow> args;
      painter.AppendArgs(f, args);
      drawn.rows.insert(drawn.rows.begin(), args.begin(), args.end());
    }
    s.frames.push_back(std::move(drawn));
  }
  return s;
}

}  // namespace

std::string InsnText(const CodeIndex& code, uint64_t pc) {
  const isa::Instruction* insn = code.InsnAt(pc);
  if (insn == nullptr) return "?";
  std::string text = insn->text;
  std::replace(text.begin(), text.end(), '\t', ' ');
  return text;
}

std::string_view GStatusText(uint32_t status) {
  static constexpr std::string_view kNames[] = {"idle",    "runnable", "running",  "syscall", "waiting",
                                                "moribund", "dead",    "enqueue", "copystack"};
  const uint32_t base = status & ~kGscan;
  return base < std::size(kNames) ? kNames[base] : "?";
}

MachineDiagram BuildDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                            const DiagramOptions& options) {
  const emu::Memory& memory = machine.memory();
  const auto& cpu = machine.cpu();
  MachineDiagram d;
  d.step = machine.retired();
  d.current_g = runtime.CurrentG(machine);
  d.current_name = runtime.NameOf(memory, d.current_g);
  if (const auto g = runtime.ReadG(memory, d.current_g)) {
    const Gobuf& b = g->sched;
    d.sched = fmt::format("{}.sched: sp={:#x} pc={} bp={:#x} ctxt={:#x}", d.current_name, b.sp,
                          b.pc != 0 ? code.Symbolize(b.pc) : "0", b.bp, b.ctxt);
  }
  for (const DeferRecord& r : runtime.Defers(memory, d.current_g)) {
    // fn is a funcval: its first word is the code the deferred call runs.
    const uint64_t entry = r.fn != 0 ? memory.PeekU64(r.fn).value_or(0) : 0;
    d.defers.push_back(fmt::format("_defer {:#x}: siz={} sp={:#x} pc={} fn={:#x} ({})", r.addr, r.siz, r.sp,
                                   code.Symbolize(r.pc), r.fn, entry != 0 ? code.Symbolize(entry) : "nil"));
  }

  const uint64_t sp = cpu.gpr[emu::kRsp];
  const StackOwner here = runtime.OwnerOf(machine, sp);
  d.stacks.push_back(DrawStack(code, runtime, memory, {cpu.rip, sp, cpu.gpr[emu::kRbp], here.g, true}, here, options));
  if (!options.all_stacks) return d;

  std::vector<uint64_t> drawn = {here.g};
  auto draw_from_sched = [&](uint64_t g) {
    if (g == 0 || std::find(drawn.begin(), drawn.end(), g) != drawn.end()) return;
    drawn.push_back(g);
    const auto state = runtime.ReadG(memory, g);
    if (!state || (runtime.Status(memory, g) & ~kGscan) == kGdead) return;
    StackOwner owner{g, state->goid, state->stack, runtime.NameOf(memory, g), true};
    // A sched SP off the g's own stack is stale (the g never ran, or ran elsewhere since).
    const bool usable = state->sched.sp != 0 && state->stack.Contains(state->sched.sp);
    StackSource src{state->sched.pc, usable ? state->sched.sp : 0, state->sched.bp, g, false};
    d.stacks.push_back(DrawStack(code, runtime, memory, src, owner, options));
  };
  draw_from_sched(runtime.G0Of(memory, d.current_g));
  draw_from_sched(runtime.CurgOf(memory, d.current_g));
  draw_from_sched(d.current_g);
  for (uint64_t g : runtime.AllGs(memory)) draw_from_sched(g);
  return d;
}

}  // namespace goemu::trace
