#include "emulator/go_idioms.h"

#include "emulator/decoder.h"
#include "emulator/lazy_flags.h"
#include "emulator/operands.h"
#include "emulator/threaded.h"

namespace goemu::emu {
namespace {

constexpr uint8_t kSpOffset = kRsp * 8;  // DecodedInsn::reg holds byte offsets into CpuState::gpr
constexpr uint8_t kBpOffset = kRbp * 8;

// Whether the SP adjustment's new SP may go unreported (QuietThreadedOf's test).
inline bool QuietHolds(const ExecContext& c, uint64_t sp) {
  const WatchRange& quiet = c.watch->quiet_sp;
  return c.observer_current && sp - quiet.base < quiet.span;
}

// The stack-bound check: d is the MOV, d + 1 the CMP, d + 2 the JBE.
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

// The frame setup: d is the SUB, d + 1 the MOV that saves BP, d + 2 the LEA. kQuiet: the
// SUB is one the observer called quiet (kQuietSubRegImm64), else unobserved.
template <bool kQuiet>
void FrameSetupThreaded(ExecContext& c, const DecodedInsn& d) {
  const DecodedInsn& save = (&d)[1];
  const DecodedInsn& lea = (&d)[2];
  const Handler own = kQuiet ? kQuietSubRegImm64 : kSubRegImm64.exec;
  const uint64_t sp_before = c.cpu.gpr[kRsp];
  const uint64_t imm = static_cast<uint64_t>(d.imm);
  const uint64_t sp = sp_before - imm;
  if (kQuiet && !QuietHolds(c, sp)) [[unlikely]] return own(c, d);
  const uint64_t slot = sp + static_cast<uint64_t>(save.disp);
  if (StoreWatched(c, slot, 8) || !c.mem.TryWrite(slot, c.cpu.gpr[kRbp])) [[unlikely]] return own(c, d);
  c.cpu.gpr[kRsp] = sp;
  SetLazyFlags<uint64_t>(c, LazyOp::kSub, sp_before, imm, sp);
  c.cpu.gpr[kRbp] = sp + static_cast<uint64_t>(lea.disp);
  return Next(c, lea);
}

// The frame teardown: d is the MOV that restores BP, d + 1 the ADD (kQuiet as above).
template <bool kQuiet>
void FrameTeardownThreaded(ExecContext& c, const DecodedInsn& d) {
  const DecodedInsn& add = (&d)[1];
  const uint64_t sp_before = c.cpu.gpr[kRsp];
  const uint64_t imm = static_cast<uint64_t>(add.imm);
  const uint64_t sp = sp_before + imm;
  if (kQuiet && !QuietHolds(c, sp)) [[unlikely]] return kLoad64.exec(c, d);
  uint64_t bp;
  if (!c.mem.TryRead(sp_before + static_cast<uint64_t>(d.disp), bp)) [[unlikely]] return kLoad64.exec(c, d);
  c.cpu.gpr[kRbp] = bp;
  c.cpu.gpr[kRsp] = sp;
  SetLazyFlags<uint64_t>(c, LazyOp::kAdd, sp_before, imm, sp);
  return Next(c, add);
}

Handler CompareThenBranchAt(const DecodedInsn* r, size_t count) {
  if (count < 2) return nullptr;
  for (unsigned cond = 0; cond < kJccs.size(); ++cond) {
    if (r[1].exec != kJccs[cond].exec) continue;
    const Handler fused = CmpThenBranch(r[0].exec, cond);
    return fused != nullptr ? fused : TestThenBranch(r[0].exec, cond);
  }
  return nullptr;
}

// An SP-relative memory operand: base SP, a displacement, nothing else.
bool OnStack(const DecodedInsn& d) { return d.mem_form == kMemBase && d.base == kRsp; }

Handler StackCheckAt(const DecodedInsn* r, size_t count) {
  if (count < 3 || r[0].exec != kLoad64.exec || r[1].exec != kCmpRegMem64.exec || r[2].exec != kJccs[6].exec) {
    return nullptr;
  }
  // The MOV loads through FS; the CMP reads through the register the MOV wrote, and
  // compares another one (its own value, not the one just loaded).
  const bool check = r[0].mem_form == kMemFs && r[1].mem_form == kMemBase && r[1].base * 8 == r[0].reg[0] &&
                     r[1].reg[0] != r[0].reg[0];
  return check ? &StackCheckThreaded : nullptr;
}

Handler FrameSetupAt(const DecodedInsn* r, size_t count) {
  if (count < 3 || r[0].reg[0] != kSpOffset || r[1].exec != kStore64.exec || !OnStack(r[1]) ||
      r[1].reg[1] != kBpOffset || r[2].exec != kLea64.exec || !OnStack(r[2]) || r[2].reg[0] != kBpOffset) {
    return nullptr;
  }
  if (r[0].exec == kSubRegImm64.exec) return &FrameSetupThreaded<false>;
  if (r[0].exec == kQuietSubRegImm64) return &FrameSetupThreaded<true>;
  return nullptr;
}

Handler FrameTeardownAt(const DecodedInsn* r, size_t count) {
  if (count < 2 || r[0].exec != kLoad64.exec || !OnStack(r[0]) || r[0].reg[0] != kBpOffset ||
      r[1].reg[0] != kSpOffset) {
    return nullptr;
  }
  if (r[1].exec == kAddRegImm64.exec) return &FrameTeardownThreaded<false>;
  if (r[1].exec == kQuietAddRegImm64) return &FrameTeardownThreaded<true>;
  return nullptr;
}

}  // namespace

Handler GoIdiomAt(const DecodedInsn* records, size_t count) {
  for (const auto at : {&StackCheckAt, &FrameSetupAt, &FrameTeardownAt, &CompareThenBranchAt}) {
    if (const Handler fused = at(records, count)) return fused;
  }
  return nullptr;
}

}  // namespace goemu::emu
