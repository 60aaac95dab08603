#include "emulator/threaded.h"

namespace goemu::emu {

void BlockEnd(ExecContext& c, const DecodedInsn& d) { c.block_end = &d; }

void ThreadedIndirect(ExecContext& c, const DecodedInsn& d) {
  try {
    d.step(c, d);
  } catch (...) {
    c.fault_at = &d;
    throw;
  }
  return Next(c, d);
}

}  // namespace goemu::emu
