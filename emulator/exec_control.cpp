// JMP Jcc JRCXZ JECXZ LOOP LOOPE LOOPNE CALL RET. Relative targets were made
// absolute at decode time (DecodedInsn::imm); rip already holds the next pc.
#include <array>
#include <utility>

#include "emulator/bind.h"
#include "emulator/block.h"
#include "emulator/decoder.h"
#include "emulator/exec_call.h"
#include "emulator/exec_jcc.h"
#include "emulator/lazy_flags.h"
#include "emulator/observed_flow.h"

namespace goemu::emu {

namespace {

void JmpDirect(ExecContext& c, const DecodedInsn& d) { c.cpu.rip = d.imm; }

template <Loc L>
void JmpIndirect(ExecContext& c, const DecodedInsn& d) {
  c.cpu.rip = ReadOp<64, L>(c, d, 0, AddressIfMem<L>(c, d));
}

template <int kCountWidth>
void JumpIfCountZero(ExecContext& c, const DecodedInsn& d) {
  if (GetReg<kCountWidth>(c.cpu, GprOffset(kRcx)) == 0) c.cpu.rip = d.imm;
}

// LOOP/LOOPE/LOOPNE (aux: 0, ZF must be 1, ZF must be 0); 64-bit RCX count.
void Loop(ExecContext& c, const DecodedInsn& d) {
  const uint64_t count = --c.cpu.gpr[kRcx];
  const bool zf = Rflags(c) & kFlagZF;
  if (count != 0 && (d.aux == 0 || (d.aux == 1) == zf)) c.cpu.rip = d.imm;
}

void JumpThrough(ExecContext&, const DecodedInsn&) {}

template <unsigned... kConds>
constexpr std::array<Bound, sizeof...(kConds)> JccTable(std::integer_sequence<unsigned, kConds...>) {
  return {Bound{&JccThreaded<kConds>, &Jcc<kConds>}...};
}
constexpr auto kJcc = JccTable(std::make_integer_sequence<unsigned, 16>{});

Bound PickByLoc(Loc loc, Bound reg, Bound mem, Bound imm) {
  switch (loc) {
    case Loc::kReg: return reg;
    case Loc::kMem: return mem;
    case Loc::kImm: return imm;
    default: return nullptr;
  }
}

}  // namespace

const Bound kCallThrough = kTwoWay<&CallThrough<true>, &CallThrough<false>>;
const Bound kJumpThrough = kThreaded<&JumpThrough>;
namespace {
// A RET ends its block: the record after it is the end record, whose exit it takes itself
// (one dispatch less, and an exit branch of its own for the predictor).
void RetThreaded(ExecContext& c, const DecodedInsn& d) {
  if (!Ret<true>(c, d)) [[unlikely]] return ThreadedGeneral<&Ret<false>>(c, d);
  return ExitBlockEnd(c, (&d)[1]);
}
}  // namespace
const Bound kRet{&RetThreaded, &StepTwoWay<&Ret<true>, &Ret<false>>};
const std::array<Bound, 16> kJccs = kJcc;

template <bool kThrough>
void ObservedCall(ExecContext& c, const DecodedInsn& d) {
  return ObservedCallWith<void, kThrough>(c, d);
}
template void ObservedCall<true>(ExecContext& c, const DecodedInsn& d);
template void ObservedCall<false>(ExecContext& c, const DecodedInsn& d);

void ObservedRet(ExecContext& c, const DecodedInsn& d) { return ObservedRetWith<void>(c, d); }

Bound BindControl(const InsnView& v, DecodedInsn& d) {
  // A 16-bit operand size would truncate rip; Go never emits it.
  if (v.z->operand_width == 16) return nullptr;
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_JMP:
      if (v.count != 1) return nullptr;
      return PickByLoc(v.loc[0], kThreaded<&JmpIndirect<Loc::kReg>>, kThreaded<&JmpIndirect<Loc::kMem>>,
                       kThreaded<&JmpDirect>);
    case ZYDIS_MNEMONIC_CALL:
      if (v.count != 1) return nullptr;
      return PickByLoc(v.loc[0], kTwoWay<&Call<Loc::kReg, true>, &Call<Loc::kReg, false>>,
                       kTwoWay<&Call<Loc::kMem, true>, &Call<Loc::kMem, false>>,
                       kTwoWay<&Call<Loc::kImm, true>, &Call<Loc::kImm, false>>);
    case ZYDIS_MNEMONIC_RET: return v.count <= 1 ? kRet : nullptr;
    case ZYDIS_MNEMONIC_JRCXZ: return kThreaded<&JumpIfCountZero<64>>;
    case ZYDIS_MNEMONIC_JECXZ: return kThreaded<&JumpIfCountZero<32>>;
    case ZYDIS_MNEMONIC_LOOP:
    case ZYDIS_MNEMONIC_LOOPE:
    case ZYDIS_MNEMONIC_LOOPNE:
      if (v.z->address_width != 64) return nullptr;
      d.aux = v.mnemonic == ZYDIS_MNEMONIC_LOOP ? 0 : v.mnemonic == ZYDIS_MNEMONIC_LOOPE ? 1 : 2;
      return kThreaded<&Loop>;
    default: break;
  }
  if (v.z->meta.category == ZYDIS_CATEGORY_COND_BR && v.count == 1 && v.loc[0] == Loc::kImm) {
    return kJcc[v.condition()];
  }
  return nullptr;
}

}  // namespace goemu::emu
