// JMP Jcc JRCXZ JECXZ LOOP LOOPE LOOPNE CALL RET. Relative targets were made
// absolute at decode time (DecodedInsn::imm); rip already holds the next pc.
#include <array>
#include <utility>

#include "emulator/bind.h"
#include "emulator/decoder.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

void JmpDirect(ExecContext& c, const DecodedInsn& d) { c.cpu.rip = d.imm; }

template <Loc L>
void JmpIndirect(ExecContext& c, const DecodedInsn& d) {
  c.cpu.rip = ReadOp<64, L>(c, d, 0, AddressIfMem<L>(c, d));
}

// Taken, a Jcc also ends the block loop right after itself (its side exit).
template <unsigned kCond>
void Jcc(ExecContext& c, const DecodedInsn& d) {
  if (Condition<kCond>(c)) {
    c.cpu.rip = d.imm;
    c.block_end = &d + 1;
  }
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

// The target is read before the push, so "call [rsp]" uses the old stack
// top. kFast: see Load/Stored in operands.h.
template <Loc L, bool kFast = true>
[[gnu::noinline]] void Call(ExecContext& c, const DecodedInsn& d) {
  const uint64_t target = L == Loc::kImm ? d.imm : ReadOp<64, L>(c, d, 0, AddressIfMem<L>(c, d));
  if (!Push64<kFast>(c, c.cpu.rip)) [[unlikely]] return Call<L, false>(c, d);
  c.cpu.rip = target;
}

// RET and RET imm16 (imm is 0 for the plain form).
template <bool kFast = true>
[[gnu::noinline]] void Ret(ExecContext& c, const DecodedInsn& d) {
  const uint64_t rsp = c.cpu.gpr[kRsp];
  uint64_t target;
  if (!Load<kFast>(c, rsp, target)) [[unlikely]] return Ret<false>(c, d);
  c.cpu.gpr[kRsp] = rsp + 8 + d.imm;
  c.cpu.rip = target;
}

template <bool kFast = true>
[[gnu::noinline]] void CallThrough(ExecContext& c, const DecodedInsn& d) {
  if (!Push64<kFast>(c, d.pc + d.length)) [[unlikely]] return CallThrough<false>(c, d);
}

template <unsigned... kConds>
constexpr std::array<Handler, sizeof...(kConds)> JccTable(std::integer_sequence<unsigned, kConds...>) {
  return {&Jcc<kConds>...};
}
constexpr auto kJcc = JccTable(std::make_integer_sequence<unsigned, 16>{});

Handler PickByLoc(Loc loc, Handler reg, Handler mem, Handler imm) {
  switch (loc) {
    case Loc::kReg: return reg;
    case Loc::kMem: return mem;
    case Loc::kImm: return imm;
    default: return nullptr;
  }
}

}  // namespace

void ExecCallThrough(ExecContext& c, const DecodedInsn& d) { CallThrough(c, d); }
void ExecJumpThrough(ExecContext&, const DecodedInsn&) {}

Handler BindControl(const InsnView& v, DecodedInsn& d) {
  // A 16-bit operand size would truncate rip; Go never emits it.
  if (v.z->operand_width == 16) return nullptr;
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_JMP:
      if (v.count != 1) return nullptr;
      return PickByLoc(v.loc[0], &JmpIndirect<Loc::kReg>, &JmpIndirect<Loc::kMem>, &JmpDirect);
    case ZYDIS_MNEMONIC_CALL:
      if (v.count != 1) return nullptr;
      return PickByLoc(v.loc[0], &Call<Loc::kReg>, &Call<Loc::kMem>, &Call<Loc::kImm>);
    case ZYDIS_MNEMONIC_RET: return v.count <= 1 ? &Ret<> : nullptr;
    case ZYDIS_MNEMONIC_JRCXZ: return &JumpIfCountZero<64>;
    case ZYDIS_MNEMONIC_JECXZ: return &JumpIfCountZero<32>;
    case ZYDIS_MNEMONIC_LOOP:
    case ZYDIS_MNEMONIC_LOOPE:
    case ZYDIS_MNEMONIC_LOOPNE:
      if (v.z->address_width != 64) return nullptr;
      d.aux = v.mnemonic == ZYDIS_MNEMONIC_LOOP ? 0 : v.mnemonic == ZYDIS_MNEMONIC_LOOPE ? 1 : 2;
      return &Loop;
    default: break;
  }
  if (v.z->meta.category == ZYDIS_CATEGORY_COND_BR && v.count == 1 && v.loc[0] == Loc::kImm) {
    return kJcc[v.condition()];
  }
  return nullptr;
}

}  // namespace goemu::emu
