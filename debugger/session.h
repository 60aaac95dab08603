// A stepping session: one booted guest process under the frame tracer, breakpoints on
// code addresses and on tracer events, and the stepping commands (stepi, next, finish,
// continue). Execution is one instruction at a time through Machine::Step, so every
// breakpoint, event and goal is checked after each instruction and nothing is overshot.
//
// Results are values: a Reply carries the text to show or the one-line error.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "debugger/command.h"
#include "debugger/stop_sink.h"
#include "runtime_model/process.h"
#include "trace/code_index.h"
#include "trace/frame_tracer.h"
#include "trace/runtime_view.h"
#include "trace/unwinder.h"

namespace goemu::debugger {

// Writes text somewhere: the terminal, a test's transcript.
using Output = std::function<void(std::string_view)>;

struct Reply {
  std::string text;   // what to print (may be empty)
  std::string error;  // one line; set when the command failed
  static Reply Error(std::string message) { return Reply{{}, std::move(message)}; }
};

struct Breakpoint {
  uint32_t number = 0;
  std::optional<uint64_t> addr;  // code breakpoint
  trace::EventKind event = trace::EventKind::kCall;  // event breakpoint when addr is empty
  std::string where;  // how it was resolved, for listings
};

class Session {
 public:
  // Assembles nothing: takes a built image, boots it with `argv`, and attaches the tracer.
  // The guest's fd 1/2 writes go to guest_output as they happen. nullptr + *error on a boot failure.
  static std::unique_ptr<Session> Create(isa::Image image, rt::OutputSink guest_output,
                                         const std::vector<std::string>& argv, std::string* error);
  ~Session();

  Reply StepInstructions(uint64_t count);
  Reply Next();
  // Says which function it waits for through `announce` before the guest runs.
  Reply Finish(const Output& announce);
  Reply Continue();

  Reply AddBreakpoint(const Location& location);
  Reply AddEventBreak(trace::EventKind kind);
  Reply Delete(std::optional<uint32_t> number);

  // "[step 1234] 0x401abc main.main+29: MOVL $0, 8(SP)", or the end of the program.
  std::string Where() const;

  // Set from a signal handler: a running command stops before the next instruction.
  void SetInterruptFlag(std::atomic<bool>* flag) { interrupt_ = flag; }

  // For the inspection commands.
  const emu::Machine& machine() { return process_->machine(); }
  const isa::Image& image() const { return process_->image(); }
  const trace::CodeIndex& code() const { return code_; }
  const trace::RuntimeView& view() const { return view_; }
  const trace::Unwinder& unwinder() const { return unwinder_; }
  const trace::FrameTracer& tracer() const { return *tracer_; }
  // Every g the session has seen run or wait (for `stacks`), by address.
  const std::set<uint64_t>& seen_gs() const { return sink_.seen_gs(); }
  bool ended() const { return end_.has_value(); }
  // True once after the guest wrote a line without its newline, so the stepper can end the
  // line before printing its own text.
  bool TakeGuestMidLine() { return std::exchange(*guest_mid_line_, false); }

 private:
  Session(std::unique_ptr<rt::GuestProcess> process, std::shared_ptr<bool> guest_mid_line,
          const trace::RuntimeLayout& layout);

  // Stops after an instruction when it returns true.
  using Goal = std::function<bool(const emu::Machine&)>;
  Reply Run(const Goal& goal, bool stop_at_breakpoints);
  std::string DescribeEnd() const;
  Reply NotRunning() const;

  std::unique_ptr<rt::GuestProcess> process_;
  trace::CodeIndex code_;
  trace::RuntimeView view_;
  trace::Unwinder unwinder_;
  StopSink sink_;
  std::unique_ptr<trace::FrameTracer> tracer_;
  std::unique_ptr<trace::TracingSyscallHandler> syscalls_;
  std::map<uint32_t, Breakpoint> breakpoints_;
  uint32_t next_number_ = 1;
  std::optional<emu::RunResult> end_;  // set once the guest exited or faulted
  std::atomic<bool>* interrupt_ = nullptr;
  std::shared_ptr<bool> guest_mid_line_;
};

}  // namespace goemu::debugger
