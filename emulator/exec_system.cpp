// Flag-control and system instructions: NOP forms, fences, PAUSE, PREFETCH,
// CLC STC CMC CLD STD, LAHF SAHF, CPUID, RDTSC, SYSCALL, UD2, INT3, HLT.
#include "emulator/bind.h"
#include "emulator/lazy_flags.h"
#include "emulator/cpu_model.h"
#include "emulator/machine.h"

namespace goemu::emu {

namespace {

// Fences, PAUSE, prefetches and NOPs change nothing in a single-threaded
// interpreter whose every store is immediately visible.
void Nothing(ExecContext&, const DecodedInsn&) {}

template <uint64_t kClear, uint64_t kSet, uint64_t kToggle>
void FlagOp(ExecContext& c, const DecodedInsn&) {
  Rflags(c) = ((Rflags(c) & ~kClear) | kSet) ^ kToggle;
}

// LAHF: AH = SF:ZF:0:AF:0:PF:1:CF. SAHF loads the same five flags back.
constexpr uint64_t kLahfFlags = kFlagSF | kFlagZF | kFlagAF | kFlagPF | kFlagCF;
void Lahf(ExecContext& c, const DecodedInsn&) {
  SetReg<8>(c.cpu, GprOffset(kRax) + 1, static_cast<uint8_t>((Rflags(c) & kLahfFlags) | 0x02));
}
void Sahf(ExecContext& c, const DecodedInsn&) {
  const uint8_t ah = GetReg<8>(c.cpu, GprOffset(kRax) + 1);
  Rflags(c) = (Rflags(c) & ~kLahfFlags) | (ah & kLahfFlags);
}

void Cpuid(ExecContext& c, const DecodedInsn&) {
  const CpuidResult r = QueryCpuid(static_cast<uint32_t>(c.cpu.gpr[kRax]),
                                   static_cast<uint32_t>(c.cpu.gpr[kRcx]));
  c.cpu.gpr[kRax] = r.eax;
  c.cpu.gpr[kRbx] = r.ebx;
  c.cpu.gpr[kRcx] = r.ecx;
  c.cpu.gpr[kRdx] = r.edx;
}

// The time-stamp counter is the retired-instruction count, so runs repeat exactly.
void Rdtsc(ExecContext& c, const DecodedInsn&) {
  const uint64_t tsc = TimeStampCounter(c.machine.retired());
  c.cpu.gpr[kRax] = static_cast<uint32_t>(tsc);
  c.cpu.gpr[kRdx] = tsc >> 32;
}

// SYSCALL saves the return rip in RCX and RFLAGS in R11 as the hardware does
// (Linux returns with SYSRET, which restores RFLAGS from R11), then hands the
// machine to the embedder's handler.
void Syscall(ExecContext& c, const DecodedInsn&) {
  SyscallHandler* handler = c.machine.syscall_handler();
  if (handler == nullptr) throw InsnFault{FaultKind::kUnsupported};
  c.cpu.gpr[kRcx] = c.cpu.rip;
  c.cpu.gpr[kR11] = Rflags(c);
  const SyscallHandler::Outcome outcome = handler->OnSyscall(c.machine);
  if (outcome.exit) {
    c.exit_requested = true;
    c.exit_code = outcome.exit_code;
  }
}

template <FaultKind kKind>
void Raise(ExecContext&, const DecodedInsn&) {
  throw InsnFault{kKind};
}

}  // namespace

Bound BindSystem(const InsnView& v, DecodedInsn& d) {
  switch (v.mnemonic) {
    case ZYDIS_MNEMONIC_NOP:
    case ZYDIS_MNEMONIC_PAUSE:
    case ZYDIS_MNEMONIC_ENDBR64:
    case ZYDIS_MNEMONIC_MFENCE:
    case ZYDIS_MNEMONIC_LFENCE:
    case ZYDIS_MNEMONIC_SFENCE:
    case ZYDIS_MNEMONIC_PREFETCHNTA:
    case ZYDIS_MNEMONIC_PREFETCHT0:
    case ZYDIS_MNEMONIC_PREFETCHT1:
    case ZYDIS_MNEMONIC_PREFETCHT2: return &Nothing;
    case ZYDIS_MNEMONIC_CLC: return &FlagOp<kFlagCF, 0, 0>;
    case ZYDIS_MNEMONIC_STC: return &FlagOp<0, kFlagCF, 0>;
    case ZYDIS_MNEMONIC_CMC: return &FlagOp<0, 0, kFlagCF>;
    case ZYDIS_MNEMONIC_CLD: return &FlagOp<kFlagDF, 0, 0>;
    case ZYDIS_MNEMONIC_STD: return &FlagOp<0, kFlagDF, 0>;
    case ZYDIS_MNEMONIC_LAHF: return &Lahf;
    case ZYDIS_MNEMONIC_SAHF: return &Sahf;
    case ZYDIS_MNEMONIC_CPUID: return &Cpuid;
    case ZYDIS_MNEMONIC_RDTSC: return &Rdtsc;
    case ZYDIS_MNEMONIC_SYSCALL: return &Syscall;
    case ZYDIS_MNEMONIC_UD0:
    case ZYDIS_MNEMONIC_UD1:
    case ZYDIS_MNEMONIC_UD2: return &Raise<FaultKind::kInvalidOpcode>;
    case ZYDIS_MNEMONIC_INT3: return &Raise<FaultKind::kBreakpoint>;
    case ZYDIS_MNEMONIC_INT:
      return v.count == 1 && d.imm == 3 ? &Raise<FaultKind::kBreakpoint> : nullptr;
    case ZYDIS_MNEMONIC_HLT: return &Raise<FaultKind::kHalt>;
    default: return nullptr;
  }
}

}  // namespace goemu::emu
