// The interpreter's compact form of one decoded instruction, and the context
// its handler runs in. Zydis decodes an address once; after that only this
// record is used, so nothing here may depend on Zydis.
#pragma once
#include <array>
#include <cstdint>

#include "emulator/cpu_state.h"
#include "emulator/fault.h"
#include "emulator/flags.h"
#include "emulator/flow_hooks.h"
#include "emulator/memory.h"
#include "emulator/watch.h"

namespace goemu::emu {

class Machine;
struct DecodedInsn;
struct Block;
struct BlockLink;

// Everything a handler may touch while executing one instruction.
struct ExecContext {
  // The registers themselves, not a reference, so that a handler reaches
  // them at a fixed offset from the one pointer it is given.
  CpuState cpu;
  Memory& mem;
  Machine& machine;
  // Status flags not yet written to cpu.rflags; read them through
  // lazy_flags.h. The machine materialises them before anyone outside the
  // handlers can look (observer, syscall handler, end of Run).
  LazyFlags flags;
  // The observer's watched ranges (watch.h), tested at every store.
  const WatchList* watch = &kWatchNothing;
  // First watched store of the current instruction, for the observer (size
  // 0 = none); recorded only while the machine steps (see WatchStop).
  uint64_t write_addr = 0;
  uint8_t write_size = 0;
  bool stepping = false;
  // The observer's view of the machine is current (Machine::MarkObserverCurrent):
  // only then may an instruction it called quiet go unreported (QuietThreaded).
  bool observer_current = false;
  // The observer's shortcuts around OnRetired (flow_hooks.h), for the CALLs and RETs that
  // blocks built for it run through ObservedCall and ObservedRet (threaded.h).
  FlowHooks flow;
  // The block running at full speed, and the instruction that raised an
  // exception out of it (nullptr: none did).
  const Block* block = nullptr;
  const DecodedInsn* fault_at = nullptr;
  // A chain of linked blocks (block.h): the instructions retired by the
  // blocks before the running one, and the most the chain may retire.
  uint64_t chained = 0;
  uint64_t chain_limit = 0;
  // Links are current while their epoch equals this (block.h).
  uint64_t link_epoch = 1;
  // Where a threaded run (threaded.h) left the chain for the machine's loop:
  // one past the last record of the last block that ran (its end record, or
  // the one after a taken Jcc, the block's side exit), and that exit's link.
  const DecodedInsn* block_end = nullptr;
  BlockLink* exit_link = nullptr;
  // Set by SYSCALL when the handler reports that the guest exits.
  bool exit_requested = false;
  int exit_code = 0;
};

// Handlers (flow_hooks.h declares the type, for an observer's own) are plain functions
// picked at decode time, specialised by operand kind and width; no virtual calls. See
// threaded.h for the two each instruction has.

inline constexpr uint8_t kNoReg = 0xff;
enum Segment : uint8_t { kSegNone, kSegFs, kSegGs };
// The common shapes of a memory operand, each told by one test of DecodedInsn::mem_form, not
// by the three (base? index? segment?) the general one takes.
enum MemForm : uint8_t {
  kMemGeneral,    // anything else
  kMemBase,       // base + displacement (a frame's slots, a struct's fields)
  kMemBaseIndex,  // base + index << scale + displacement (an array's elements)
  kMemFs,         // FS base + displacement (Go's g, at -8(FS) on amd64 Linux)
};

// How an instruction bounds a pre-decoded block (see decode_cache.h).
enum BlockRule : uint8_t {
  kBlockContinues,    // may be followed by the next instruction in the same block
  kBlockEnds,         // last of its block: it may move rip (branches) or always faults
  kBlockAlone,        // a block of its own: it reads machine state that the block
                      // loop only brings up to date between blocks (retired(), rip)
  kBlockCondBranch,   // Jcc: the block goes on with the fall-through; taken, it exits
  kBlockDirectCall,   // CALL rel32: the block may go on at the target
  kBlockDirectJump,   // JMP rel: likewise
};

// The fields a threaded run reads; the instruction's step handler
// (threaded.h) lives beside the records (Block::steps), since only stepping
// and the rare handlers that call it read it: 48 bytes, not 56, so more of a
// hot loop's blocks stay in the L1 cache.
struct DecodedInsn {
  Handler exec = nullptr;  // threaded: runs on to the next record (threaded.h)
  uint64_t pc = 0;       // address of the instruction
  uint64_t imm = 0;      // immediate (sign-extended to 64 bits) or absolute branch target
  // Memory displacement; RIP-relative operands are made absolute here. A direct CALL has
  // none: in a block built for an observer, its DescribeCall word (ObservedCall).
  int64_t disp = 0;
  uint16_t classes = 0;  // InsnClass bits for the observer (all below bit 16)
  uint8_t length = 0;
  uint8_t mem_form = 0;  // MemForm: which of LinearAddress's cases the memory operand is
  // Per explicit operand position: a GPR operand is a byte offset into
  // CpuState::gpr (so AH is rax's offset + 1), an XMM operand its index.
  std::array<uint8_t, 3> reg{kNoReg, kNoReg, kNoReg};
  uint8_t base = kNoReg;  // GPR index of the memory operand's base
  uint8_t index = kNoReg;
  uint8_t scale_log2 = 0;
  uint8_t segment = kSegNone;
  uint8_t aux = 0;  // family-specific: condition code, REP kind, ...
  uint8_t block_rule = kBlockContinues;
  // Set by the block builder on its copies (decode_cache.h): how many of the
  // block's instructions have retired once this record has run (its index +
  // 1; the end record's: all of them), which is what a Jcc's side exit or the
  // end counts and what finds the step handler (Block::StepOf); and (a Jcc's)
  // which of the block's side-exit links (block.h) is that exit's.
  uint8_t exit_ran = 0;
  uint8_t exit_index = 0;
};
static_assert(sizeof(DecodedInsn) == 48, "a record's size is what the blocks' cache footprint pays per instruction");

// Raised by the handler that replaces every instruction of a block whose code
// was overwritten while the block ran: the machine restarts at that
// instruction's address, which decodes the new bytes.
struct BlockRestart {};

// Raised by a store to a watched address in a block running at full speed,
// before it changes anything: the machine steps through that instruction
// again so that the observer sees it retire.
struct WatchStop {};

// Raised by a handler for a fault that is not a memory access (divide error,
// UD2, ...). Caught by the machine together with MemoryFault.
struct InsnFault {
  FaultKind kind;
  uint64_t address = 0;
};

}  // namespace goemu::emu
