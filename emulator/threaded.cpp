#include "emulator/threaded.h"

#include "emulator/block.h"

#include <algorithm>

namespace goemu::emu {

void BlockEnd(ExecContext& c, const DecodedInsn& d) {
  return ExitBlockEnd(c, d);
}

void ExitBlockEndFar(ExecContext& c, const DecodedInsn& end_record, uint64_t chained) {
  BlockLink* links = EndLinks(end_record);
  bool seen = links[0].pc == c.cpu.rip || links[1].pc == c.cpu.rip;
  for (uint8_t i = 2; i < kEndLinks; ++i) {
    if (LinkHolds(c, links[i], chained)) return EnterLinked(c, links[i], chained);
    seen = seen || links[i].pc == c.cpu.rip;
  }
  // Not when only the budget is spent, or the link is stale: the loop remakes the first.
  if (!seen) std::copy_backward(links, links + kEndLinks - 1, links + kEndLinks);
  c.block_end = &end_record;
  c.exit_link = &links[0];
}

void ThreadedIndirect(ExecContext& c, const DecodedInsn& d) {
  try {
    c.block->StepOf(d)(c, d);
  } catch (...) {
    c.fault_at = &d;
    throw;
  }
  return Next(c, d);
}

}  // namespace goemu::emu
