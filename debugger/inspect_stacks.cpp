#include <fmt/format.h>

#include "debugger/goroutines.h"
#include "debugger/inspect.h"
#include "debugger/location.h"
#include "trace/diagram.h"

namespace goemu::debugger {
namespace {

using Out = std::back_insert_iterator<std::string>;
constexpr size_t kMaxFrames = 1 << 16;

// One stack as the debugger shows it: who owns it and its frames, innermost first.
struct StackView {
  std::string title;
  std::string note;  // how the frames were found, or why there are none
  uint64_t sp = 0;   // where unwinding started
  std::vector<trace::Frame> frames;
  trace::UnwindEnd end = trace::UnwindEnd::kTopFrame;
};

std::string Bounds(const trace::StackBounds& b) {
  return b.known() ? fmt::format("[{:#x}, {:#x}) {} bytes", b.lo, b.hi, b.hi - b.lo) : "[bounds not set]";
}

StackView Here(Session& session) {
  const emu::Machine& machine = session.machine();
  StackView v;
  v.sp = machine.cpu().gpr[emu::kRsp];
  const trace::StackOwner owner = session.view().OwnerOf(machine, v.sp);
  v.title = fmt::format("{} stack {}, sp={:#x}", owner.name, Bounds(owner.bounds), v.sp);
  v.frames = session.unwinder().Unwind(machine.cpu().rip, v.sp, owner.bounds, kMaxFrames, &v.end);
  return v;
}

// Every known g's stack: the one SP is on unwinds from the registers, the others from their
// saved sched (as Go's traceback does for a g that is not running).
std::vector<StackView> AllStacks(Session& session) {
  const emu::Machine& machine = session.machine();
  const uint64_t sp = machine.cpu().gpr[emu::kRsp];
  const trace::StackOwner here = session.view().OwnerOf(machine, sp);
  std::vector<StackView> stacks;
  bool shown_here = false;
  for (const GInfo& g : KnownGs(session)) {
    const trace::GState& s = g.state;
    StackView v;
    v.title = fmt::format("{} (g {:#x}, goid {}, {}) stack {}", g.name, s.addr, s.goid, GStatusName(g.status),
                          Bounds(s.stack));
    if (here.g == s.addr) {
      shown_here = true;
      v = StackView{v.title, fmt::format("sp here: {:#x}", sp), sp, {}, {}};
      v.frames = session.unwinder().Unwind(machine.cpu().rip, sp, here.bounds, kMaxFrames, &v.end);
    } else if (s.stack.known() && s.stack.Contains(s.sched.sp) && s.sched.pc != 0) {
      v.note = fmt::format("from sched: sp={:#x} pc={}", s.sched.sp, session.code().Symbolize(s.sched.pc));
      v.sp = s.sched.sp;
      v.frames = session.unwinder().Unwind(s.sched.pc, s.sched.sp, s.stack, kMaxFrames, &v.end);
    } else {
      v.note = "no frames: not running and no saved context";
    }
    stacks.push_back(std::move(v));
  }
  // SP on a stack no g claims: before rt0_go records g0's bounds, or a program without a runtime.
  if (!shown_here) stacks.insert(stacks.begin(), Here(session));
  return stacks;
}

bool Rewritten(const trace::FrameTracer& tracer, const trace::Frame& frame) {
  for (const trace::Frame& known : tracer.frames()) {
    if (known.entry_sp == frame.entry_sp && known.rewritten) return true;
  }
  return false;
}

// One line per frame, innermost first. A caller's pc is a return address: its source line
// is the CALL's, the instruction ending there.
void AppendFrameList(Out out, Session& session, const StackView& v, std::string_view indent) {
  for (size_t i = 0; i < v.frames.size(); ++i) {
    const trace::Frame& f = v.frames[i];
    const std::string line = SourceLine(session.image(), i == 0 ? f.pc : f.pc - 1);
    fmt::format_to(out, "{}#{:<2} {:#x} {} ({}) entry_sp={:#x}{}\n", indent, i, f.pc, session.code().Symbolize(f.pc),
                   line.empty() ? "?" : line, f.entry_sp,
                   Rewritten(session.tracer(), f) ? " [return address rewritten]" : "");
  }
  if (!v.frames.empty()) fmt::format_to(out, "{}(unwinding ended: {})\n", indent, trace::UnwindEndName(v.end));
}

}  // namespace

Reply Backtrace(Session& session) {
  if (session.ended()) return Reply::Error("bt: the program is not running");
  const StackView v = Here(session);
  std::string text = v.title + "\n";
  AppendFrameList(std::back_inserter(text), session, v, "");
  return Reply{text, {}};
}

Reply Stacks(Session& session) {
  if (session.ended()) return Reply::Error("stacks: the program is not running");
  std::string text;
  for (const StackView& v : AllStacks(session)) {
    text += v.title + "\n";
    if (!v.note.empty()) text += fmt::format("  {}\n", v.note);
    AppendFrameList(std::back_inserter(text), session, v, "  ");
  }
  return Reply{text, {}};
}

Reply Frames(Session& session) {
  if (session.ended()) return Reply::Error("frames: the program is not running");
  return Reply{trace::RenderAsciiDiagram(session.code(), session.view(), session.machine()), {}};
}

}  // namespace goemu::debugger
