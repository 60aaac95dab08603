#include "debugger/session.h"

#include <fmt/format.h>

#include "debugger/location.h"

namespace goemu::debugger {
namespace {

// The stack an SP lies on: its owner's bounds, else its memory region; a goal that must stay
// on one stack (next, finish) ignores excursions to others (systemstack, mcall).
trace::StackBounds StackAround(const trace::RuntimeView& view, const emu::Machine& machine, uint64_t sp) {
  const trace::StackOwner owner = view.OwnerOf(machine, sp);
  if (owner.bounds.known()) return owner.bounds;
  if (const emu::Region* region = machine.memory().FindRegion(sp)) return {region->base, region->base + region->size};
  return {0, UINT64_MAX};
}

bool IsCall(const emu::Machine& machine, const isa::Image& image, uint64_t pc) {
  if (const isa::Instruction* insn = image.InsnAt(pc)) return insn->text.starts_with("CALL");
  return machine.Disassemble(pc).starts_with("call");
}

}  // namespace

std::unique_ptr<Session> Session::Create(isa::Image image, rt::OutputSink guest_output,
                                         const std::vector<std::string>& argv, std::string* error) {
  auto mid_line = std::make_shared<bool>(false);
  auto process = std::make_unique<rt::GuestProcess>(
      std::move(image), [mid_line, sink = std::move(guest_output)](int fd, std::string_view bytes) {
        if (!bytes.empty()) *mid_line = bytes.back() != '\n';
        sink(fd, bytes);
      });
  rt::BootOptions boot;
  boot.argv = argv;
  if (rt::BootResult booted = process->Boot(boot); !booted.ok()) {
    *error = booted.error;
    return nullptr;
  }
  trace::RuntimeLayout layout;
  if (const isa::ImageSymbol* g0 = process->image().FindSymbol("runtime.g0")) layout.g0_addr = g0->addr;
  return std::unique_ptr<Session>(new Session(std::move(process), std::move(mid_line), layout));
}

Session::Session(std::unique_ptr<rt::GuestProcess> process, std::shared_ptr<bool> guest_mid_line,
                 const trace::RuntimeLayout& layout)
    : process_(std::move(process)),
      code_(process_->image()),
      view_(layout),
      unwinder_(code_, process_->memory()),
      sink_(code_, view_) {
  emu::Machine& machine = process_->machine();
  tracer_ = std::make_unique<trace::FrameTracer>(code_, view_, process_->memory(), sink_);
  tracer_->Start(machine);
  syscalls_ = std::make_unique<trace::TracingSyscallHandler>(*tracer_, machine.syscall_handler());
  machine.SetSyscallHandler(syscalls_.get());
  machine.SetObserver(tracer_.get());
  sink_.NoteG(view_.CurrentG(machine));
  guest_mid_line_ = std::move(guest_mid_line);
}

Session::~Session() {
  process_->machine().SetObserver(nullptr);
  process_->machine().SetSyscallHandler(syscalls_->inner());
}

Reply Session::Run(const Goal& goal, bool stop_at_breakpoints) {
  if (end_) return NotRunning();
  emu::Machine& machine = process_->machine();
  sink_.Reset();
  // A Ctrl-C typed at the prompt must not stop this command.
  if (interrupt_ != nullptr) interrupt_->store(false);
  while (true) {
    if (interrupt_ != nullptr && interrupt_->exchange(false)) return Reply{"Interrupted.\n", {}};
    if (std::optional<emu::RunResult> result = machine.Step()) {
      end_ = *result;
      tracer_->Finish(machine, *result);
      return Reply{fmt::format("Program {}.\n", DescribeEnd()), {}};
    }
    if (const auto& hit = sink_.hit()) return Reply{fmt::format("Event {}\n", hit->second), {}};
    if (goal(machine)) return {};
    if (!stop_at_breakpoints) continue;
    const uint64_t pc = machine.cpu().rip;
    for (const auto& [number, bp] : breakpoints_) {
      if (bp.addr == pc) return Reply{fmt::format("Breakpoint {}, {}\n", number, bp.where), {}};
    }
  }
}

Reply Session::StepInstructions(uint64_t count) {
  uint64_t left = count;
  return Run([&left](const emu::Machine&) { return --left == 0; }, true);
}

Reply Session::Next() {
  const emu::Machine& machine = process_->machine();
  if (end_ || !IsCall(machine, image(), machine.cpu().rip)) return StepInstructions(1);
  // Over a CALL: until SP is back where it was on this stack, i.e. the callee's frame is
  // gone, whether by RET or by a return address moved back onto the CALL (jmpdefer).
  const uint64_t sp = machine.cpu().gpr[emu::kRsp];
  const trace::StackBounds stack = StackAround(view_, machine, sp);
  // The stack may move under the CALL: over a prologue's CALL morestack, copystack puts
  // the frames on a larger stack and the function starts again there, as far below the
  // new top as it was below the old one (gogo sets that SP a few instructions before it
  // jumps back, hence the check that control is in the function again). Its g tells
  // where that stack is.
  const trace::StackOwner owner = view_.OwnerOf(machine, sp);
  const uint64_t g = owner.bounds_from_g ? owner.g : 0;
  const uint64_t below_top = stack.hi - sp;
  const uint32_t func = unwinder_.Innermost(machine.cpu().rip, sp).func;
  const uint64_t func_lo = func != trace::kNoFunc ? code_.FuncAddr(func) : 0;
  const uint64_t func_hi = func != trace::kNoFunc ? code_.FuncEnd(func) : 0;
  const trace::RuntimeLayout& layout = view_.layout();
  return Run(
      [=](const emu::Machine& m) {
        const uint64_t now = m.gpr()[emu::kRsp];
        if (stack.Contains(now)) return now >= sp;
        const uint64_t pc = m.cpu().rip;
        if (g == 0 || pc < func_lo || pc >= func_hi) return false;
        const uint64_t lo = m.memory().PeekU64(g + layout.g_stack_lo).value_or(0);
        const uint64_t hi = m.memory().PeekU64(g + layout.g_stack_hi).value_or(0);
        return hi != stack.hi && now >= lo && now < hi && hi - now <= below_top;
      },
      true);
}

Reply Session::Finish(const Output& announce) {
  if (end_) return NotRunning();
  const emu::Machine& machine = process_->machine();
  const uint64_t sp = machine.cpu().gpr[emu::kRsp];
  const trace::Frame frame = unwinder_.Innermost(machine.cpu().rip, sp);
  if (frame.func == trace::kNoFunc) return Reply::Error("finish: pc is in no function");
  const uint64_t lo = code_.FuncAddr(frame.func);
  const uint64_t hi = code_.FuncEnd(frame.func);
  const uint64_t ret = machine.memory().PeekU64(frame.entry_sp).value_or(0);
  const uint64_t entry_sp = frame.entry_sp;
  const trace::StackBounds stack = StackAround(view_, machine, sp);
  // The frame is gone once SP is above its return slot on the same stack and control left
  // the function: by RET to the return address, or by a jump elsewhere (jmpdefer, gogo)
  // after SP was moved up. Checking the return address as well keeps recursion right.
  announce(fmt::format("Run till exit from {}\n", code_.FuncName(frame.func)));
  return Run(
      [=](const emu::Machine& m) {
        const uint64_t now = m.cpu().gpr[emu::kRsp];
        const uint64_t pc = m.cpu().rip;
        return stack.Contains(now) && now > entry_sp && (pc == ret || pc < lo || pc >= hi);
      },
      true);
}

Reply Session::Continue() {
  return Run([](const emu::Machine&) { return false; }, true);
}

Reply Session::AddBreakpoint(const Location& location) {
  const Resolved resolved = ResolveCode(location, image());
  if (!resolved.error.empty()) return Reply::Error(fmt::format("break: {}", resolved.error));
  Breakpoint bp;
  bp.number = next_number_++;
  bp.addr = resolved.addr;
  bp.where = fmt::format("{:#x} {} ({})", resolved.addr, code_.Symbolize(resolved.addr),
                         SourceLine(image(), resolved.addr));
  breakpoints_[bp.number] = bp;
  return Reply{fmt::format("Breakpoint {} at {}\n", bp.number, bp.where), {}};
}

Reply Session::AddEventBreak(trace::EventKind kind) {
  Breakpoint bp;
  bp.number = next_number_++;
  bp.event = kind;
  bp.where = fmt::format("on event {}", trace::EventName(kind));
  breakpoints_[bp.number] = bp;
  sink_.Arm(kind, true);
  return Reply{fmt::format("Breakpoint {} {}\n", bp.number, bp.where), {}};
}

Reply Session::Delete(std::optional<uint32_t> number) {
  if (number && breakpoints_.erase(*number) == 0) return Reply::Error(fmt::format("delete: no breakpoint {}", *number));
  const size_t deleted = number ? 1 : breakpoints_.size();
  if (!number) breakpoints_.clear();
  for (int k = 0; k < trace::kEventKindCount; ++k) sink_.Arm(static_cast<trace::EventKind>(k), false);
  for (const auto& [n, bp] : breakpoints_) {
    if (!bp.addr) sink_.Arm(bp.event, true);
  }
  return Reply{fmt::format("Deleted {} breakpoint{}.\n", deleted, deleted == 1 ? "" : "s"), {}};
}

Reply Session::NotRunning() const {
  return Reply::Error(fmt::format("the program is not running: {}", DescribeEnd()));
}

std::string Session::DescribeEnd() const {
  if (end_->reason == emu::StopReason::kFault && end_->fault) {
    return fmt::format("faulted: {} at {}", emu::DescribeFault(*end_->fault), code_.Symbolize(end_->fault->pc));
  }
  return fmt::format("exited with status {}", end_->exit_code);
}

std::string Session::Where() const {
  const emu::Machine& machine = process_->machine();
  if (end_) return fmt::format("[step {}] program {}", machine.retired(), DescribeEnd());
  const uint64_t pc = machine.cpu().rip;
  const isa::Instruction* insn = image().InsnAt(pc);
  const std::string text = insn != nullptr ? insn->text : fmt::format("({})", machine.Disassemble(pc));
  return fmt::format("[step {}] {:#x} {}: {}", machine.retired(), pc, code_.Symbolize(pc), text);
}

}  // namespace goemu::debugger
