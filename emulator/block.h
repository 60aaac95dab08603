// A pre-decoded block (decode_cache.h says what one holds) and its links:
// where execution went on after each of its exits last time, so that the next
// run through that exit can enter the block after it directly (ExitBlock)
// instead of through the machine's loop and the jump cache.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#include "emulator/decoded_insn.h"

namespace goemu::emu {

struct Block;

// The block that ran after an exit, made by the machine's loop when it would
// run that block at full speed (none of the machine's stepped classes in it,
// such as SYSCALL; no stop address inside it) and the block does not read
// retired() (RDTSC). Valid while epoch equals ExecContext::link_epoch, which
// moves on at every Run (the stop address may differ), at every SetObserver
// (the stepped classes and the observed handlers may differ) and whenever the
// decode cache drops a page (the block may be gone).
// The linked block's first record, count and end_pc are copied in, so that
// entering it reads this link and its records, not the Block.
struct BlockLink {
  uint64_t pc = 0;
  uint64_t epoch = 0;  // never current: link_epoch starts at 1
  const Block* to = nullptr;
  const DecodedInsn* first = nullptr;
  uint64_t end_pc = 0;
  uint64_t count = 0;
};

// A block's links and records share one allocation (storage):
//   [side exit n-1] ... [side exit 0] [record 0] ... [end record] [end] [end, second]
// so that an exit record (a Jcc, the end record) finds its links from its own
// address (SideExitLink, EndLinks), and a run through the block touches no
// line of the Block itself, only the records and the links beside them.
struct Block {
  uint32_t count = 0;
  uint32_t classes = 0;  // union of the instructions' InsnClass bits
  uint64_t end_pc = 0;  // where execution goes after the last instruction unless it branches
  uint64_t low_pc = 0;  // [low_pc, low_pc + span): every instruction's bytes
  uint64_t span = 0;
  // The first record and the end record (threaded.h's BlockEnd, after the
  // instructions), which is not counted.
  const DecodedInsn* first = nullptr;
  const DecodedInsn* end = nullptr;
  std::unique_ptr<std::byte[]> storage;
  // Each instruction's step handler (threaded.h), by its index in the records.
  std::vector<Handler> steps;

  // Found by the record's exit_ran (its index + 1), not by its distance from
  // first: that is a division by the record's size.
  Handler StepOf(const DecodedInsn& d) const { return steps[d.exit_ran - size_t{1}]; }
};

// The links are filled in while the block is shared as const: a cache
// beside the instructions.
// A taken Jcc's link: end is one past the Jcc's record and ran the records
// before end (DecodedInsn::exit_ran), so end - ran is the block's first
// record; index is DecodedInsn::exit_index.
inline BlockLink& SideExitLink(const DecodedInsn* end, uint64_t ran, uint8_t index) {
  std::byte* first = reinterpret_cast<std::byte*>(const_cast<DecodedInsn*>(end - ran));
  return *std::launder(reinterpret_cast<BlockLink*>(first - (size_t{index} + 1) * sizeof(BlockLink)));
}

// The end of a block has four links, the last four blocks it went on to: a
// RET of a function called from up to four places in turn (the scheduler's
// runqget and casgstatus, Gosched returning into either of two goroutines,
// deferprocStack returning to each defer statement of a function with three)
// stays linked. A Jcc's target is fixed: one link.
inline constexpr uint8_t kEndLinks = 4;
inline BlockLink* EndLinks(const DecodedInsn& end_record) {
  return std::launder(reinterpret_cast<BlockLink*>(const_cast<DecodedInsn*>(&end_record + 1)));
}

inline BlockLink LinkTo(uint64_t pc, const Block& block, uint64_t epoch) {
  return BlockLink{pc, epoch, &block, block.first, block.end_pc, block.count};
}

// At most this many instructions run in one chain of linked blocks, so that
// a build that makes the handlers' tail calls real calls (unoptimised, see
// threaded.h) nests a bounded number of frames; the machine's loop starts a
// new chain after it.
inline constexpr uint64_t kMaxChainInsns = 1024;

// Leaves the running block (ExecContext::block), of which ran instructions
// retired, with rip at the next pc: straight into the linked block when the
// link is current and that block fits in the chain's budget, otherwise back
// to the machine's loop with block_end at end (one past the last record that
// ran) and exit_link the link the loop should (re)make. ExitBlock leaves
// through a Jcc's link (SideExitLink), ExitBlockEnd through the end's two.
inline bool LinkHolds(const ExecContext& c, const BlockLink& link, uint64_t chained) {
  return link.pc == c.cpu.rip && link.epoch == c.link_epoch && chained + link.count <= c.chain_limit;
}
inline void EnterLinked(ExecContext& c, const BlockLink& link, uint64_t chained) {
  c.chained = chained;
  c.block = link.to;
  c.cpu.rip = link.end_pc;
  return link.first->exec(c, *link.first);
}
[[gnu::always_inline]] inline void ExitBlock(ExecContext& c, const DecodedInsn* end, uint64_t ran, uint8_t index) {
  BlockLink& link = SideExitLink(end, ran, index);
  const uint64_t chained = c.chained + ran;
  if (LinkHolds(c, link, chained)) return EnterLinked(c, link, chained);
  c.block_end = end;
  c.exit_link = &link;
}
// A block's end tries its other links in turn; when none goes where rip
// does, each moves one place down (the last drops out) and the loop remakes
// the first. The first two are tried inline: most ends have one or two
// places to go.
[[gnu::noinline]] void ExitBlockEndFar(ExecContext& c, const DecodedInsn& end_record, uint64_t chained);
inline void ExitBlockEnd(ExecContext& c, const DecodedInsn& end_record) {
  BlockLink* links = EndLinks(end_record);
  const uint64_t chained = c.chained + end_record.exit_ran;
  if (LinkHolds(c, links[0], chained)) return EnterLinked(c, links[0], chained);
  if (LinkHolds(c, links[1], chained)) return EnterLinked(c, links[1], chained);
  return ExitBlockEndFar(c, end_record, chained);
}

// Runs block threaded, rip set to its end_pc, and through the links the
// blocks after it, limit instructions at most (block.count or more; exactly
// block.count runs that block alone). Returns how many retired; rip,
// ExecContext::block, block_end and exit_link say where the run stopped.
inline uint64_t RunChain(ExecContext& c, const Block& block, uint64_t limit) {
  c.block = &block;
  c.chained = 0;
  c.chain_limit = limit;
  c.cpu.rip = block.end_pc;
  block.first->exec(c, *block.first);
  return c.chained + static_cast<uint64_t>(c.block_end - c.block->first);
}

}  // namespace goemu::emu
