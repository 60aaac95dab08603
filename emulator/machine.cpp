#include "emulator/machine.h"

#include <algorithm>

#include "emulator/block.h"
#include "emulator/decode_cache.h"
#include "emulator/decoded_insn.h"
#include "emulator/flow_report.h"
#include "emulator/threaded.h"

namespace goemu::emu {

Machine::Machine(Memory& memory)
    : exec_(std::make_unique<ExecContext>(ExecContext{CpuState{}, memory, *this})),
      cpu_(exec_->cpu),
      observer_current_(&exec_->observer_current),
      memory_(memory),
      decode_cache_(std::make_unique<DecodeCache>(memory, exec_->link_epoch)) {}

Machine::~Machine() = default;

void Machine::SetObserver(ExecutionObserver* observer) {
  ++exec_->link_epoch;  // links skip the per-block stepped-classes test (block.h)
  observer_ = observer;
  observer_interest_ = observer != nullptr ? observer->interest() : 0;
  const WatchList* watched = observer != nullptr ? observer->watched() : nullptr;
  exec_->watch = (observer_interest_ & kClassMemWrite) != 0 ? &kWatchEverything
                 : watched != nullptr                       ? watched
                                                            : &kWatchNothing;
  // An observer of every store would stop a threaded block at each one
  // (WatchStop): such blocks are stepped instead.
  stepped_classes_ = kClassSyscall | (observer_interest_ & kClassMemWrite);
  exec_->flow = observer != nullptr ? observer->flow_hooks() : FlowHooks{};
  decode_cache_->SetObserved(observer_interest_, observer, exec_->flow);
}

// Tells the observer of d, which has run; retired holds RSP before it.
// Always inlined: as a call of its own it cost ObservedThreaded ~7 host
// instructions an observed instruction (a second frame saving the same
// registers). RSP before waits in retired, on the stack, and the block's rip
// is read again (GoOn), so that four registers are saved, not six: c and d,
// and across the observer the machine and the count. A quiet instruction
// (kQuiet), seldom reported, works the count out again after the call
// instead: its prologue would save those two on every run, reported or not.
template <bool kQuiet>
[[gnu::always_inline]] inline void ReportRetired(ExecContext& c, const DecodedInsn& d, RetiredInsn& retired) {
  retired.pc = d.pc;
  retired.next_pc = c.cpu.rip;
  retired.length = d.length;
  retired.classes = d.classes;
  retired.write_addr = 0;
  retired.write_size = 0;
  // The observer sees the count with this instruction in it, as when
  // stepping: the blocks before this one in the chain (block.h), and this
  // block's instructions up to it.
  Machine& m = c.machine;
  const uint64_t ran = c.chained + d.exit_ran;
  m.retired_ += ran;
  m.observer_->OnRetired(m, retired);
  if constexpr (kQuiet) {
    c.machine.retired_ -= c.chained + d.exit_ran;
  } else {
    m.retired_ -= ran;
  }
}

namespace {

// Runs an observed instruction through its step handler, with rip where the
// block's path goes next (the next record's pc).
inline void RunObserved(ExecContext& c, const DecodedInsn& d) {
  c.cpu.rip = (&d + 1)->pc;
  try {
    c.block->StepOf(d)(c, d);
  } catch (...) {
    c.fault_at = &d;
    throw;
  }
}

// Goes on after an observed instruction: to the next record, with rip back
// at the block's end_pc, when it went there; otherwise out of the block. The
// last instruction leaves through the end record, which reads rip; in the
// middle of a block only a taken Jcc leaves the path: its side exit.
inline void GoOn(ExecContext& c, const DecodedInsn& d) {
  const DecodedInsn* after = &d + 1;
  if (c.cpu.rip == after->pc) [[likely]] {
    c.cpu.rip = c.block->end_pc;  // the end record's own pc when after is the end
    return Next(c, d);
  }
  if (after == c.block->end) return Next(c, d);
  return ExitBlock(c, after, d.exit_ran, d.exit_index);
}

// Runs d and tells the observer, or (kQuiet) only when RSP after it leaves
// the watch list's quiet_sp. The report's RetiredInsn lives in this scope,
// which ends before the jump on (GoOn): alive there, its address given to the
// observer would keep that jump from being a tail call.
template <bool kQuiet>
[[gnu::always_inline]] inline void RunAndReport(ExecContext& c, const DecodedInsn& d) {
  RetiredInsn retired;
  retired.rsp_before = c.cpu.gpr[kRsp];
  RunObserved(c, d);
  if constexpr (kQuiet) {
    const WatchRange& quiet = c.watch->quiet_sp;
    if (c.observer_current && c.cpu.gpr[kRsp] - quiet.base < quiet.span) [[likely]] return;
  }
  ReportRetired<kQuiet>(c, d, retired);
}

}  // namespace

void ObservedThreaded(ExecContext& c, const DecodedInsn& d) {
  RunAndReport<false>(c, d);
  return GoOn(c, d);
}

void QuietThreaded(ExecContext& c, const DecodedInsn& d) {
  RunAndReport<true>(c, d);
  return GoOn(c, d);
}

[[gnu::noinline]] void ReportQuietAndGoOn(ExecContext& c, const DecodedInsn& d, uint64_t rsp_before) {
  FlowReport::Generic(c, d, rsp_before, (&d + 1)->pc);
  c.cpu.rip = c.block->end_pc;  // threaded, rip waits at the block's end
  return Next(c, d);
}

void FlowReport::Generic(ExecContext& c, const DecodedInsn& d, uint64_t rsp_before, uint64_t next_pc) {
  c.cpu.rip = next_pc;
  RetiredInsn retired;
  retired.rsp_before = rsp_before;
  ReportRetired<false>(c, d, retired);
}

// Only an observer installs a watch list, so observer_ is set here. A block
// that runs at full speed stops before the store (Run's catch steps through
// the instruction again); a stepped one records it for the observer.
void WatchedStore(ExecContext& c, uint64_t addr, uint32_t size) {
  const Machine& m = c.machine;
  if ((m.observer_interest_ & kClassMemWrite) == 0 && !m.observer_->Watches(addr, size)) return;
  if (!c.stepping) throw WatchStop{};
  if (c.write_size == 0) {
    c.write_addr = addr;
    c.write_size = static_cast<uint8_t>(size);
  }
}

// Every retired instruction that did not need a Zydis decode of its own.
// Blocks decode ahead, so this is a rate, not a count of lookups.
uint64_t Machine::decode_hits() const {
  const uint64_t misses = decode_cache_->misses();
  return retired_ > misses ? retired_ - misses : 0;
}
uint64_t Machine::decode_misses() const { return decode_cache_->misses(); }

std::string Machine::Disassemble(uint64_t addr) const { return decode_cache_->Format(addr); }
RegisterWrites Machine::RegisterWritesAt(uint64_t addr) const { return decode_cache_->Writes(addr); }

std::optional<RunResult> Machine::Step() {
  RunResult result = Run(RunOptions{.max_steps = 1});
  if (result.reason == StopReason::kMaxSteps) return std::nullopt;
  return result;
}

void Machine::SyncFlags() const {
  if (exec_->flags.op != LazyOp::kNone) Materialize(exec_->flags, cpu_.rflags);
}

// The hot loop (BlocksAtFullSpeed) runs whole blocks (decode_cache.h): rip
// is set to the block's end once, the handlers run threaded (only branches
// move rip; a taken Jcc ends the block early), and the budget and stop
// address are checked per block; the observer is told from inside the block
// by the instructions it asked for (ObservedThreaded). A block that the
// budget or stop address concerns runs one instruction at a time instead
// (StepThrough), with rip set before each handler and the observer told
// after it; so do the blocks of stepped_classes_ (SYSCALL's, since the
// embedder may end the run there). Handlers store before they update registers, so a
// faulting instruction leaves no trace: the catch rewinds rip to it and counts
// only the instructions before it. A store to an address the observer watches
// (watch.h) ends a block that runs at full speed the same way, before it
// happens (WatchStop), and the block is stepped from that instruction on.
RunResult Machine::Run(const RunOptions& options) {
  RunResult result{StopReason::kMaxSteps};
  ExecContext& ctx = *exec_;
  const bool has_stop = options.stop_at.has_value();
  const uint64_t stop_at = options.stop_at.value_or(0);
  const uint64_t max_steps = options.max_steps;
  const uint64_t start = retired_;  // steps = retired_ - start
  bool done = false;
  bool step_next = false;  // after a WatchStop: step through the block that stopped
  ++ctx.link_epoch;        // links made for another stop address do not hold (block.h)
  ctx.observer_current = false;  // the embedder may have moved rip or RSP since (MarkObserverCurrent)
  while (!done) {
    bool stepping = false;
    ctx.stepping = false;
    ctx.fault_at = nullptr;
    try {
      while (true) {
        const uint64_t pc = cpu_.rip;
        if (has_stop && pc == stop_at) {
          result.reason = StopReason::kEnd;
          break;
        }
        const uint64_t left = max_steps - (retired_ - start);
        if (left == 0) break;
        const Block& block = decode_cache_->GetBlock(pc);
        const bool unchecked = block.count <= left && !(has_stop && stop_at - block.low_pc < block.span);
        if (unchecked && (block.classes & stepped_classes_) == 0 && !step_next) {
          BlocksAtFullSpeed(block, options, left);
          continue;
        }
        stepping = ctx.stepping = true;
        const bool stop = unchecked ? StepThrough<false>(block, options, start, result)
                                    : StepThrough<true>(block, options, start, result);
        stepping = ctx.stepping = step_next = false;
        if (stop) break;
        if (ctx.exit_requested) [[unlikely]] {
          ctx.exit_requested = false;
          result.reason = StopReason::kExit;
          result.exit_code = ctx.exit_code;
          break;
        }
      }
      done = true;
    } catch (const BlockRestart&) {
      cpu_.rip = Rewind(stepping);
    } catch (const WatchStop&) {
      cpu_.rip = Rewind(stepping);
      step_next = true;
    } catch (const MemoryFault& f) {
      // Not from a handler: the fetch of the block at rip.
      const bool fetch = !stepping && ctx.fault_at == nullptr;
      done = true;
      Fault(fetch ? cpu_.rip : Rewind(stepping), f.kind, f.address, result);
    } catch (const InsnFault& f) {
      done = true;
      Fault(Rewind(stepping), f.kind, f.address, result);
    }
  }
  SyncFlags();
  result.steps = retired_ - start;
  return result;
}

// Runs block, which needs no check, and the blocks after it back to back,
// each threaded through its instructions, for as long as the next one
// concerns neither the budget (left), nor the stop address, nor the observer,
// nor the embedder (SYSCALL). Returns with rip at the block that does. The
// handlers go on from block to block through the links (block.h) this loop
// makes, and come back here when a link is missing or stale, or the chain's
// budget is spent. On an exception ExecContext::block, chained and fault_at
// say where it happened (fault_at stays nullptr when fetching a block faulted).
void Machine::BlocksAtFullSpeed(const Block& block, const RunOptions& options, uint64_t left) {
  static_assert(kMaxChainInsns >= DecodeCache::kMaxBlockInsns);
  ExecContext& ctx = *exec_;
  DecodeCache& cache = *decode_cache_;
  const bool has_stop = options.stop_at.has_value();
  const uint64_t stop_at = options.stop_at.value_or(0);
  const Block* next = &block;
  while (true) {
    const uint64_t epoch = ctx.link_epoch;
    const uint64_t ran = RunChain(ctx, *next, std::min(left, kMaxChainInsns));
    retired_ += ran;
    ++chains_;
    left -= ran;
    const uint64_t pc = cpu_.rip;
    if (left == 0 || (has_stop && pc == stop_at)) return;
    next = &cache.GetBlock(pc);
    if (next->count > left || (next->classes & stepped_classes_) != 0 || (has_stop && stop_at - next->low_pc < next->span)) {
      return;
    }
    // Not when a page was dropped meanwhile (the block that ran may be gone),
    // nor to a block that reads retired(), which a chain brings up to date
    // only when it returns here.
    if (ctx.link_epoch == epoch && next->first->block_rule != kBlockAlone) {
      *ctx.exit_link = LinkTo(pc, *next, epoch);
    }
  }
}

// After an exception in a block: counts the instructions that retired before
// the one that raised it (StepThrough counts as it goes) and returns its pc.
uint64_t Machine::Rewind(bool stepping) {
  if (stepping) return step_cursor_->pc;
  const DecodedInsn* at = exec_->fault_at;
  retired_ += exec_->chained + static_cast<uint64_t>(at - exec_->block->first);
  return at->pc;
}

void Machine::Fault(uint64_t pc, FaultKind kind, uint64_t address, RunResult& result) {
  cpu_.rip = pc;
  result.reason = StopReason::kFault;
  result.fault = GuestFault{kind, pc, address, {}};
  if (kind == FaultKind::kUnsupported) result.fault->detail = Disassemble(pc);
}

// One instruction at a time through the block, telling the observer, and
// with kChecks the stop address and budget checks the block path makes per
// block; step_cursor_ tells Run's catch where a fault happened. rip is set to
// where the block goes next before each handler, so a CALL or JMP the block
// runs through lands on its target; the walk stops when a branch sends rip
// elsewhere. True when the run ends here.
template <bool kChecks>
bool Machine::StepThrough(const Block& block, const RunOptions& options, uint64_t start, RunResult& result) {
  ExecContext& ctx = *exec_;
  for (const DecodedInsn* insn = block.first; insn != block.end; ++insn) {
    step_cursor_ = insn;
    if constexpr (kChecks) {
      if (options.stop_at == insn->pc) {
        result.reason = StopReason::kEnd;
        return true;
      }
      if (retired_ - start >= options.max_steps) return true;
    }
    const uint64_t rsp_before = cpu_.gpr[kRsp];
    const uint64_t next = insn + 1 != block.end ? insn[1].pc : block.end_pc;
    ctx.write_size = 0;
    cpu_.rip = next;
    block.StepOf(*insn)(ctx, *insn);
    ++retired_;
    if ((insn->classes & observer_interest_) != 0 || ctx.write_size != 0) {
      observer_->OnRetired(*this, RetiredInsn{insn->pc, cpu_.rip, insn->length, insn->classes, rsp_before,
                                              ctx.write_addr, ctx.write_size});
    }
    if (ctx.exit_requested || cpu_.rip != next) break;  // Run reports an exit
  }
  return false;
}

}  // namespace goemu::emu
