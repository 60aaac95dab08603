// Decoded instructions and pre-decoded blocks, keyed by address.
//
// Zydis decodes each address once into a DecodedInsn (per code page: a slot
// table from page offset to record). On top of that, a Block is a run of
// records that starts at some address and follows the path execution takes
// when no branch is taken: through Jcc (a taken one leaves the block, see
// ExecContext::block_end), through direct CALL and JMP whose target is on the
// block's own page, and ends at any other branch, at a page boundary, before
// and after a kBlockAlone instruction, or at kMaxBlockInsns. The machine runs
// a block without any per-instruction lookup or budget check. A block is a
// copy of its records, so blocks that start inside other blocks (a jump
// target, a single step) cost no second decode. A direct-mapped jump cache
// finds the block for an address in a few instructions.
//
// A guest store to a page that holds cached code reaches Invalidate through
// Memory's code-write listener; the page's records and blocks are dropped
// (kept alive until the next block is built, because the block doing the
// store is still running) and every instruction of the dropped blocks is
// replaced by one that throws BlockRestart, so a block stops at the first
// instruction whose bytes may have changed. A block holds instructions of its
// own page only (plus the tail of one that spills onto the next page, which
// drops the block with either page). The cache installs itself as the
// Memory's code-write listener, so one Memory serves one Machine.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "emulator/block.h"
#include "emulator/decoded_insn.h"
#include "emulator/decoder.h"
#include "emulator/memory.h"

namespace goemu::emu {

class ExecutionObserver;

class DecodeCache {
 public:
  static constexpr uint32_t kMaxBlockInsns = 64;
  static_assert(kMaxBlockInsns <= UINT8_MAX, "DecodedInsn::exit_ran counts a block's instructions in a byte");

  // Drop moves link_epoch on, so that no link (block.h) reaches a dropped block.
  DecodeCache(Memory& memory, uint64_t& link_epoch);
  ~DecodeCache();

  // The block that starts at pc. Throws MemoryFault when pc cannot be
  // fetched (or its first instruction runs into a page that cannot).
  const Block& GetBlock(uint64_t pc) {
    const JumpEntry& entry = jump_[JumpSlot(pc)];
    if (entry.pc == pc) [[likely]] return *entry.block;
    return BlockMiss(pc);
  }

  void Invalidate(uint64_t page_base);
  std::string Format(uint64_t pc) const;
  RegisterWrites Writes(uint64_t pc) const;

  // Blocks built from now on run the instructions of these InsnClass bits
  // through ObservedThreaded, or QuietThreaded those the observer calls quiet,
  // or with its hooks ObservedCall and ObservedRet (threaded.h); the blocks
  // built for other bits, observers or hooks are dropped.
  void SetObserved(uint32_t classes, const ExecutionObserver* observer, const FlowHooks& hooks);

  // Instructions decoded by Zydis (re-decodes after invalidation included).
  uint64_t misses() const { return misses_; }

 private:
  static constexpr size_t kMaxInsnLength = 15;  // x86's limit
  // The bytes at pc up to the longest instruction or the first unreadable byte; how many.
  size_t PeekInsnBytes(uint64_t pc, uint8_t (&bytes)[kMaxInsnLength]) const;
  // A decoded instruction with its step handler (a Block keeps the two apart).
  struct Decoded {
    DecodedInsn insn;
    Handler step = nullptr;
  };
  struct PageCache {
    PageCache() { slots.fill(-1); }
    std::array<int32_t, kPageSize> slots;
    std::vector<Decoded> insns;
    std::unordered_map<uint32_t, std::unique_ptr<Block>> blocks;  // by page offset
    bool spills_into_next = false;  // an instruction here ends on the next page
  };
  // An empty slot holds a pc that hashes to a different slot (ClearJumpCache),
  // so no lookup can ever match it: every 64-bit value is a possible guest pc.
  struct JumpEntry {
    uint64_t pc = 0;
    const Block* block = nullptr;
  };
  static constexpr size_t kJumpSlots = 4096;
  static size_t JumpSlot(uint64_t pc) { return (pc ^ (pc >> 12)) & (kJumpSlots - 1); }

  void ClearJumpCache();
  const Block& BlockMiss(uint64_t pc);
  std::unique_ptr<Block> Build(uint64_t pc);
  // The handler of insn, of a class the observer asked for, in a block being built (its
  // copy: a described CALL keeps the observer's word in it), given its step handler;
  // call_through: a direct CALL the block goes on through.
  Handler ObservedHandler(DecodedInsn& insn, Handler step, bool call_through) const;
  // The decoded instruction at pc; nullptr (no throw) when fetching it would
  // fault and quiet is set.
  const Decoded* Get(uint64_t pc, bool quiet);
  const Decoded& Decode(uint64_t pc);
  void Drop(uint64_t page_base);

  Memory& memory_;
  uint64_t& link_epoch_;
  Decoder decoder_;
  std::array<JumpEntry, kJumpSlots> jump_{};
  std::unordered_map<uint64_t, std::unique_ptr<PageCache>> pages_;
  std::vector<std::unique_ptr<PageCache>> dropped_;  // freed when the next block is built
  std::vector<std::unique_ptr<Block>> dropped_blocks_;  // likewise (SetObserved)
  uint32_t observed_ = 0;
  const ExecutionObserver* observer_ = nullptr;
  FlowHooks hooks_;
  uint64_t misses_ = 0;
  // For each replicated handler (replicas.h), the copy a record runs by the handler of the
  // record after it: the copies are dealt in turn, as the blocks are built.
  struct ReplicaDeal {
    std::unordered_map<Handler, unsigned> by_next;
    unsigned dealt = 0;
  };
  std::unordered_map<Handler, ReplicaDeal> replica_deals_;
};

}  // namespace goemu::emu
