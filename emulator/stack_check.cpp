#include "emulator/stack_check.h"

#include "emulator/decoder.h"
#include "emulator/lazy_flags.h"
#include "emulator/operands.h"
#include "emulator/threaded.h"

namespace goemu::emu {
namespace {

// d is the MOV, d + 1 the CMP, d + 2 the JBE. Anything but the common case (a load that
// misses the TLB, a stack that must grow) runs the three records one by one, from the MOV's
// own handler: nothing has changed when it is called.
void StackCheckThreaded(ExecContext& c, const DecodedInsn& d) {
  const DecodedInsn& cmp = (&d)[1];
  uint64_t g;
  uint64_t guard;
  if (!c.mem.TryRead(c.cpu.fs_base + static_cast<uint64_t>(d.disp), g) ||
      !c.mem.TryRead(g + static_cast<uint64_t>(cmp.disp), guard)) [[unlikely]] {
    return kLoad64.exec(c, d);
  }
  const uint64_t sp = GetReg<64>(c.cpu, cmp.reg[0]);
  if (sp <= guard) [[unlikely]] return kLoad64.exec(c, d);  // JBE taken
  SetReg<64>(c.cpu, d.reg[0], g);
  SetLazyFlags<uint64_t>(c, LazyOp::kSub, sp, guard, sp - guard);
  return Next(c, (&d)[2]);
}

}  // namespace

Handler StackCheckFor(const DecodedInsn* records, size_t count) {
  if (count < 3) return nullptr;
  const DecodedInsn& mov = records[0];
  const DecodedInsn& cmp = records[1];
  const DecodedInsn& jbe = records[2];
  if (mov.exec != kLoad64.exec || cmp.exec != kCmpRegMem64.exec || jbe.exec != kJbe.exec) return nullptr;
  // The MOV loads through FS; the CMP reads through the register the MOV wrote, and
  // compares another one (its own value, not the one just loaded).
  return mov.mem_form == kMemFs && cmp.mem_form == kMemBase && GprOffset(static_cast<Gpr>(cmp.base)) == mov.reg[0] &&
                 cmp.reg[0] != mov.reg[0]
             ? &StackCheckThreaded
             : nullptr;
}

}  // namespace goemu::emu
