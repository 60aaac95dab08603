#include "emulator/machine.h"

#include "emulator/decode_cache.h"
#include "emulator/decoded_insn.h"

namespace goemu::emu {

Machine::Machine(Memory& memory)
    : memory_(memory),
      decode_cache_(std::make_unique<DecodeCache>(memory)),
      exec_(std::make_unique<ExecContext>(ExecContext{cpu_, memory, *this})) {}

Machine::~Machine() = default;

void Machine::SetObserver(ExecutionObserver* observer) {
  observer_ = observer;
  observer_interest_ = observer != nullptr ? observer->interest() : 0;
}

uint64_t Machine::decode_hits() const { return decode_cache_->hits(); }
uint64_t Machine::decode_misses() const { return decode_cache_->misses(); }

std::string Machine::Disassemble(uint64_t addr) const { return decode_cache_->Format(addr); }

std::optional<RunResult> Machine::Step() {
  RunResult result = Run(RunOptions{.max_steps = 1});
  if (result.reason == StopReason::kMaxSteps) return std::nullopt;
  return result;
}

// The hot loop. Handlers see rip already advanced past the instruction; a
// fault rewinds it, and handlers store before they update registers, so a
// faulting instruction leaves no trace.
RunResult Machine::Run(const RunOptions& options) {
  RunResult result{StopReason::kMaxSteps};
  ExecContext& ctx = *exec_;
  const bool has_stop = options.stop_at.has_value();
  const uint64_t stop_at = options.stop_at.value_or(0);
  uint64_t steps = 0;
  uint64_t pc = cpu_.rip;
  try {
    while (true) {
      pc = cpu_.rip;
      if (has_stop && pc == stop_at) {
        result.reason = StopReason::kEnd;
        break;
      }
      if (steps >= options.max_steps) break;
      const DecodedInsn& insn = decode_cache_->Get(pc);
      const uint64_t rsp_before = cpu_.gpr[kRsp];
      ctx.write_size = 0;
      cpu_.rip = pc + insn.length;
      insn.exec(ctx, insn);
      ++steps;
      ++retired_;
      if ((insn.classes & observer_interest_) != 0) [[unlikely]] {
        observer_->OnRetired(*this, RetiredInsn{pc, cpu_.rip, insn.length, insn.classes, rsp_before,
                                                ctx.write_addr, ctx.write_size});
      }
      if (ctx.exit_requested) [[unlikely]] {
        ctx.exit_requested = false;
        result.reason = StopReason::kExit;
        result.exit_code = ctx.exit_code;
        break;
      }
    }
  } catch (const MemoryFault& f) {
    cpu_.rip = pc;
    result.reason = StopReason::kFault;
    result.fault = GuestFault{f.kind, pc, f.address, {}};
  } catch (const InsnFault& f) {
    cpu_.rip = pc;
    result.reason = StopReason::kFault;
    result.fault = GuestFault{f.kind, pc, f.address, {}};
    if (f.kind == FaultKind::kUnsupported) result.fault->detail = Disassemble(pc);
  }
  result.steps = steps;
  return result;
}

}  // namespace goemu::emu
