// The machine: CPU state + guest memory + the step loop.
//
// Decoding goes through Zydis once per instruction address; the decoded form is
// cached (see decode_cache.h) and dropped when the guest writes to its page.
// Faults never escape as exceptions: Step/Run report them as values.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "emulator/cpu_state.h"
#include "emulator/fault.h"
#include "emulator/flow_hooks.h"
#include "emulator/memory.h"
#include "emulator/watch.h"

namespace goemu::emu {

class Machine;
class DecodeCache;
struct ExecContext;
struct DecodedInsn;
struct Block;

// What SYSCALL does is up to the embedder (the runtime model's Linux layer,
// or the exec playground's). Arguments are in the registers as Linux passes
// them (rax = number, rdi, rsi, rdx, r10, r8, r9); the handler writes the
// result to rax itself and may ask the machine to stop.
class SyscallHandler {
 public:
  virtual ~SyscallHandler() = default;
  struct Outcome {
    bool exit = false;    // the guest asked to end (exit / exit_group)
    int exit_code = 0;
  };
  virtual Outcome OnSyscall(Machine& machine) = 0;
};

// Classes of retired instructions an observer can ask to see. The frame tracer
// asks only for those that move control or the stack, so the hot loop pays a
// single mask test per instruction when tracing and nothing more when not.
enum InsnClass : uint32_t {
  kClassNone = 0,
  kClassCall = 1u << 0,           // CALL (direct or indirect)
  kClassRet = 1u << 1,            // RET, RET imm16
  kClassJump = 1u << 2,           // unconditional JMP, direct
  kClassIndirectJump = 1u << 3,   // JMP through a register or memory
  kClassCondBranch = 1u << 4,     // Jcc, JRCXZ, LOOP*
  kClassStackWrite = 1u << 5,     // writes RSP explicitly (MOV/LEA/ADD/SUB/AND/XCHG ... to RSP)
  kClassPushPop = 1u << 6,        // PUSH/POP/PUSHF/POPF (implicit RSP change)
  kClassSyscall = 1u << 7,        // SYSCALL
  kClassMemWrite = 1u << 8,       // any instruction that stores to memory
  kClassFsSegment = 1u << 9,      // uses an FS-relative memory operand
  kClassOther = 1u << 10,         // none of Call..Syscall above (a load, a store, arithmetic...)
  kClassAll = 0xffffffffu,        // so every retired instruction
};

// Facts about one retired instruction, handed to the observer afterwards.
struct RetiredInsn {
  uint64_t pc;          // address of the instruction
  uint64_t next_pc;     // rip after it retired
  uint8_t length;
  uint32_t classes;     // InsnClass bits
  uint64_t rsp_before;  // RSP before it executed
  // Its first store to a watched address (ExecutionObserver::watched), or with
  // kClassMemWrite in the interest its first store of all; size 0 when none.
  uint64_t write_addr;
  uint8_t write_size;
};

class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  // Which InsnClass bits this observer wants; others retire unseen.
  virtual uint32_t interest() const = 0;
  // Called after every instruction of an interesting class, and after every
  // instruction that stored to a watched address.
  virtual void OnRetired(Machine& machine, const RetiredInsn& insn) = 0;
  // The observer's watch list, or nullptr. The machine keeps the pointer from
  // SetObserver on and reads the ranges at every store, so the observer may
  // change them at any time.
  virtual const WatchList* watched() const { return nullptr; }
  // Whether a store of size bytes at addr, which passed a range's prefilter,
  // is one the observer wants reported.
  virtual bool Watches(uint64_t /*addr*/, uint32_t /*size*/) const { return true; }
  // Whether the instruction at pc (length bytes, of these InsnClass bits, one
  // of them asked for) is one the observer would do nothing with as long as
  // RSP after it lies in its watch list's quiet_sp range: a block running at
  // full speed then skips the report (QuietThreaded in threaded.h); stepping
  // still makes it. Asked when a block is built.
  virtual bool Quiet(uint64_t /*pc*/, uint8_t /*length*/, uint32_t /*classes*/) const { return false; }
  // The observer's shortcuts around OnRetired (flow_hooks.h), read at SetObserver; none by
  // default.
  virtual FlowHooks flow_hooks() { return {}; }
  // Whether the direct CALL at pc (length bytes, to target) may go through flow_hooks().call,
  // and the word to hand it: what the observer works out once per site instead of per call.
  // Asked when a block is built, for the CALLs of a class the observer asked for.
  virtual bool DescribeCall(uint64_t /*pc*/, uint8_t /*length*/, uint64_t /*target*/, uint64_t& /*site*/) const {
    return false;
  }
};

enum class StopReason : uint8_t {
  kEnd,       // rip reached the stop address
  kExit,      // the syscall handler reported exit
  kFault,     // a guest fault; see RunResult::fault
  kMaxSteps,  // the step budget ran out
};

struct RunOptions {
  uint64_t max_steps = UINT64_MAX;
  // Stop (with kEnd) when rip equals this address before fetching.
  std::optional<uint64_t> stop_at;
};

struct RunResult {
  StopReason reason;
  std::optional<GuestFault> fault;
  int exit_code = 0;
  uint64_t steps = 0;  // instructions retired during this Run
};

class Machine {
 public:
  explicit Machine(Memory& memory);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // The registers. The interpreter keeps the status flags of the last
  // arithmetic instruction unevaluated until something reads them; this
  // evaluates them first, so an observer or syscall handler that asks
  // mid-run sees exact RFLAGS (and one that does not, pays nothing).
  CpuState& cpu() {
    SyncFlags();
    return cpu_;
  }
  const CpuState& cpu() const {
    SyncFlags();
    return cpu_;
  }
  // The general registers alone: unlike cpu(), leaves lazily kept flags
  // unevaluated, for observers that read RSP after every call and return.
  const std::array<uint64_t, kGprCount>& gpr() const { return cpu_.gpr; }
  Memory& memory() { return memory_; }
  const Memory& memory() const { return memory_; }

  void SetSyscallHandler(SyscallHandler* handler) { syscall_handler_ = handler; }
  SyscallHandler* syscall_handler() const { return syscall_handler_; }
  void SetObserver(ExecutionObserver* observer);
  // For an observer with quiet instructions (ExecutionObserver::Quiet), which
  // rely on its view of the machine being current: it calls this once it has
  // brought that view up to date after a report. Run forgets it on entry,
  // since the embedder may change registers between runs (a signal made into
  // a call) unseen; until the next call, quiet instructions are reported too.
  void MarkObserverCurrent() { *observer_current_ = true; }
  // False from the start of each Run until MarkObserverCurrent.
  bool observer_current() const { return *observer_current_; }

  // Executes exactly one instruction. nullopt = it retired normally.
  // On a fault the architectural state is as it was before the instruction.
  std::optional<RunResult> Step();
  RunResult Run(const RunOptions& options);

  // Instructions retired since construction; also the source of RDTSC,
  // so every run is deterministic.
  uint64_t retired() const { return retired_; }

  // Decode-cache statistics, for --stats.
  uint64_t decode_hits() const;
  uint64_t decode_misses() const;
  // Chains of linked blocks the run loop started (block.h's RunChain), for --stats: each
  // one after the last ended where no link held (or its budget was spent).
  uint64_t chains() const { return chains_; }

  // Disassembles the instruction at addr in Intel syntax ("add rax, rbx").
  std::string Disassemble(uint64_t addr) const;
  // What the instruction at addr may write; everything for SYSCALL (the syscall handler may
  // change any register) and for bytes that do not decode.
  RegisterWrites RegisterWritesAt(uint64_t addr) const;

 private:
  friend void WatchedStore(ExecContext& c, uint64_t addr, uint32_t size);
  friend void ObservedThreaded(ExecContext& c, const DecodedInsn& d);
  friend void QuietThreaded(ExecContext& c, const DecodedInsn& d);
  friend struct FlowReport;
  template <bool kQuiet>
  friend void ReportRetired(ExecContext& c, const DecodedInsn& d, RetiredInsn& retired);
  void SyncFlags() const;
  void BlocksAtFullSpeed(const Block& block, const RunOptions& options, uint64_t left);
  template <bool kChecks>
  bool StepThrough(const Block& block, const RunOptions& options, uint64_t start, RunResult& result);
  uint64_t Rewind(bool stepping);
  void Fault(uint64_t pc, FaultKind kind, uint64_t address, RunResult& result);

  std::unique_ptr<ExecContext> exec_;  // defined in decoded_insn.h; holds the registers
  CpuState& cpu_;                      // exec_->cpu; SyncFlags (const) evaluates lazy flags into it
  bool* observer_current_;  // &exec_->observer_current, inline for the observers that call the two above per event
  Memory& memory_;
  SyscallHandler* syscall_handler_ = nullptr;
  ExecutionObserver* observer_ = nullptr;
  uint32_t observer_interest_ = 0;
  // Blocks with an instruction of these classes are stepped (StepThrough):
  // SYSCALL's, since the embedder may end the run there, and every store's
  // for an observer of kClassMemWrite. The observer's other classes run
  // threaded (ObservedThreaded in threaded.h).
  uint32_t stepped_classes_ = kClassSyscall;
  uint64_t retired_ = 0;
  uint64_t chains_ = 0;
  std::unique_ptr<DecodeCache> decode_cache_;  // defined in decode_cache.h
  const DecodedInsn* step_cursor_ = nullptr;   // the instruction StepThrough is at
};

}  // namespace goemu::emu
