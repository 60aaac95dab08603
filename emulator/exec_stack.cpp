// PUSH POP PUSHFQ POPFQ, 64-bit operand size only (the only one Go uses;
// 16-bit forms are reported as unsupported).
#include "emulator/bind.h"

namespace goemu::emu {

namespace {

// PUSHFQ/POPFQ at CPL 3 with IOPL 0: POPFQ may change the status flags, DF,
// NT, AC and ID; IF, IOPL and the virtualisation bits keep their values. TF
// is also kept, since goemu does not single-step trap.
constexpr uint64_t kFlagNT = 1ull << 14;
constexpr uint64_t kFlagAC = 1ull << 18;
constexpr uint64_t kFlagID = 1ull << 21;
constexpr uint64_t kPopfMask = kStatusFlags | kFlagDF | kFlagNT | kFlagAC | kFlagID;

template <Loc L>
void Push(ExecContext& c, const DecodedInsn& d) {
  Push64(c, ReadOp<64, L>(c, d, 0, AddressIfMem<L>(c, d)));
}

void PopReg(ExecContext& c, const DecodedInsn& d) {
  const uint64_t v = c.mem.Read<uint64_t>(c.cpu.gpr[kRsp]);
  c.cpu.gpr[kRsp] += 8;
  SetReg<64>(c.cpu, d.reg[0], v);  // "pop rsp" ends with the loaded value
}

// POP to memory computes its address with RSP already incremented (SDM Vol. 2, POP).
void PopMem(ExecContext& c, const DecodedInsn& d) {
  const uint64_t rsp = c.cpu.gpr[kRsp];
  const uint64_t v = c.mem.Read<uint64_t>(rsp);
  c.cpu.gpr[kRsp] = rsp + 8;
  const uint64_t addr = LinearAddress(c.cpu, d);
  c.cpu.gpr[kRsp] = rsp;
  Store<uint64_t>(c, addr, v);
  c.cpu.gpr[kRsp] = rsp + 8;
}

void Pushfq(ExecContext& c, const DecodedInsn&) { Push64(c, c.cpu.rflags); }

void Popfq(ExecContext& c, const DecodedInsn&) {
  const uint64_t v = c.mem.Read<uint64_t>(c.cpu.gpr[kRsp]);
  c.cpu.gpr[kRsp] += 8;
  c.cpu.rflags = (c.cpu.rflags & ~kPopfMask) | (v & kPopfMask);
}

}  // namespace

Handler BindStack(const InsnView& v, DecodedInsn&) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_PUSH:
      if (v.count != 1 || v.z->operand_width != 64) return nullptr;
      switch (v.loc[0]) {
        case Loc::kReg: return &Push<Loc::kReg>;
        case Loc::kMem: return &Push<Loc::kMem>;
        case Loc::kImm: return &Push<Loc::kImm>;
        default: return nullptr;
      }
    case ZYDIS_MNEMONIC_POP:
      if (v.count != 1 || v.z->operand_width != 64) return nullptr;
      if (v.loc[0] == Loc::kReg) return &PopReg;
      if (v.loc[0] == Loc::kMem) return &PopMem;
      return nullptr;
    case ZYDIS_MNEMONIC_PUSHFQ: return &Pushfq;
    case ZYDIS_MNEMONIC_POPFQ: return &Popfq;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
