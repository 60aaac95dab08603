// PUSH POP (64- and 16-bit operand sizes) PUSHFQ POPFQ.
#include "emulator/bind.h"
#include "emulator/lazy_flags.h"

namespace goemu::emu {

namespace {

// PUSHFQ/POPFQ at CPL 3 with IOPL 0: POPFQ may change the status flags, DF,
// NT, AC and ID; IF, IOPL and the virtualisation bits keep their values. TF
// is also kept, since goemu does not single-step trap.
constexpr uint64_t kFlagNT = 1ull << 14;
constexpr uint64_t kFlagAC = 1ull << 18;
constexpr uint64_t kFlagID = 1ull << 21;
constexpr uint64_t kPopfMask = kStatusFlags | kFlagDF | kFlagNT | kFlagAC | kFlagID;

// The operand is read (with the old RSP, so "push rsp" pushes its old value)
// and stored before RSP moves. Two-way (kFast): see Load/Stored in operands.h
// and threaded.h.
template <int W, Loc L, bool kFast>
bool Push(ExecContext& c, const DecodedInsn& d) {
  U<W> v;
  if (!ReadOpOr<W, L, kFast>(c, d, 0, AddressIfMem<L>(c, d), v)) return false;
  const uint64_t rsp = c.cpu.gpr[kRsp] - W / 8;
  if (!Stored<kFast, U<W>>(c, rsp, v)) return false;
  c.cpu.gpr[kRsp] = rsp;
  return true;
}

template <int W, bool kFast>
bool PopReg(ExecContext& c, const DecodedInsn& d) {
  U<W> v;
  if (!Load<kFast>(c, c.cpu.gpr[kRsp], v)) return false;
  c.cpu.gpr[kRsp] += W / 8;
  SetReg<W>(c.cpu, d.reg[0], v);  // "pop rsp" ends with the loaded value
  return true;
}

// POP to memory computes its address with RSP already incremented (SDM Vol. 2, POP).
template <int W>
void PopMem(ExecContext& c, const DecodedInsn& d) {
  const uint64_t rsp = c.cpu.gpr[kRsp];
  const U<W> v = c.mem.Read<U<W>>(rsp);
  c.cpu.gpr[kRsp] = rsp + W / 8;
  const uint64_t addr = LinearAddress(c.cpu, d);
  c.cpu.gpr[kRsp] = rsp;
  Store<U<W>>(c, addr, v);
  c.cpu.gpr[kRsp] = rsp + W / 8;
}

template <int W>
Bound PickPush(Loc loc) {
  switch (loc) {
    case Loc::kReg: return kTwoWay<&Push<W, Loc::kReg, true>, &Push<W, Loc::kReg, false>>;
    case Loc::kMem: return kTwoWay<&Push<W, Loc::kMem, true>, &Push<W, Loc::kMem, false>>;
    case Loc::kImm: return kTwoWay<&Push<W, Loc::kImm, true>, &Push<W, Loc::kImm, false>>;
    default: return nullptr;
  }
}

template <int W>
Bound PickPop(Loc loc) {
  if (loc == Loc::kReg) return kTwoWay<&PopReg<W, true>, &PopReg<W, false>>;
  if (loc == Loc::kMem) return kThreaded<&PopMem<W>>;
  return nullptr;
}

void Pushfq(ExecContext& c, const DecodedInsn&) { Push64(c, Rflags(c)); }

void Popfq(ExecContext& c, const DecodedInsn&) {
  const uint64_t v = c.mem.Read<uint64_t>(c.cpu.gpr[kRsp]);
  c.cpu.gpr[kRsp] += 8;
  Rflags(c) = (Rflags(c) & ~kPopfMask) | (v & kPopfMask);
}

}  // namespace

Bound BindStack(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_PUSH:
      if (v.count != 1) return nullptr;
      if (v.z->operand_width == 64) return PickPush<64>(v.loc[0]);
      if (v.z->operand_width == 16) return PickPush<16>(v.loc[0]);
      return nullptr;
    case ZYDIS_MNEMONIC_POP:
      if (v.count != 1) return nullptr;
      if (v.z->operand_width == 64) return PickPop<64>(v.loc[0]);
      if (v.z->operand_width == 16) return PickPop<16>(v.loc[0]);
      return nullptr;
    case ZYDIS_MNEMONIC_PUSHFQ: return &Pushfq;
    case ZYDIS_MNEMONIC_POPFQ: return &Popfq;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
