#include "emulator/threaded.h"

#include "emulator/block.h"

namespace goemu::emu {

void BlockEnd(ExecContext& c, const DecodedInsn& d) {
  return ExitBlockEnd(c, d);
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
