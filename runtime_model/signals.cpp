#include "runtime_model/signals.h"

#include <fmt/format.h>

#include "runtime_model/layout.h"
#include "runtime_model/traceback.h"

namespace goemu::rt {
namespace {

uint64_t Word(const emu::Memory& memory, uint64_t addr) { return memory.PeekU64(addr).value_or(0); }

bool InCode(const isa::Image& image, uint64_t pc) {
  const isa::ImageSymbol* sym = image.SymbolAt(pc);
  return sym != nullptr && sym->symbol.kind == isa::SymbolKind::kText;
}

// go1.13's shouldPushSigpanic: a fault at pc 0 or in non-code reached by a CALL (the return
// address at [SP] is code) keeps the caller's frame as the one that "called" sigpanic.
bool ShouldPushSigpanic(const isa::Image& image, uint64_t pc, uint64_t lr) {
  if (pc == 0) return false;
  if (InCode(image, pc)) return true;
  return !InCode(image, lr);
}

// dumpregs, in go1.13's order and spelling.
std::string Registers(const emu::CpuState& cpu) {
  using emu::Gpr;
  constexpr std::pair<std::string_view, Gpr> kGprs[] = {
      {"rax", emu::kRax}, {"rbx", emu::kRbx}, {"rcx", emu::kRcx}, {"rdx", emu::kRdx}, {"rdi", emu::kRdi},
      {"rsi", emu::kRsi}, {"rbp", emu::kRbp}, {"rsp", emu::kRsp}, {"r8", emu::kR8},   {"r9", emu::kR9},
      {"r10", emu::kR10}, {"r11", emu::kR11}, {"r12", emu::kR12}, {"r13", emu::kR13}, {"r14", emu::kR14},
      {"r15", emu::kR15}};
  std::string out;
  for (auto [name, reg] : kGprs) out += fmt::format("{:<7}{:#x}\n", name, cpu.gpr[reg]);
  // cs is the user code segment Linux gives 64-bit processes; fs and gs selectors are 0.
  out += fmt::format("rip    {:#x}\nrflags {:#x}\ncs     0x33\nfs     0x0\ngs     0x0\n", cpu.rip, cpu.rflags);
  return out;
}

// What startpanic_m and sighandler mark before printing: the m throws and is dying.
void MarkThrowing(emu::Memory& memory, uint64_t gp, uint64_t m) {
  const uint32_t one = 1;
  memory.Poke(m + Offset("m.throwing"), &one, sizeof one);
  memory.Poke(m + Offset("m.dying"), &one, sizeof one);
  memory.Poke(m + Offset("m.caughtsig"), &gp, sizeof gp);
}

// sighandler's path for a signal Go throws on (SIGILL, SIGTRAP): startpanic_m's marks, the
// signal and PC, gp's trap traceback, the other goroutines and the registers; then exit(2).
Delivery Throw(const isa::Image& image, emu::Machine& machine, const LinuxSignal& sig, uint64_t gp, uint64_t m,
               const OutputSink& sink) {
  emu::Memory& memory = machine.memory();
  MarkThrowing(memory, gp, m);
  std::string out = fmt::format("{}\nPC={:#x} m={} sigcode={}\n\n", SignalName(sig.number), sig.pc,
                                Word(memory, m + Offset("m.id")), sig.code);
  out += FormatTrapTraceback(image, memory, sig.pc, machine.cpu().gpr[emu::kRsp], gp) + "\n";
  emu::CpuState regs = machine.cpu();
  regs.rip = sig.pc;
  out += Registers(regs);
  sink(2, out);
  return {false, 2};
}

// A fault with SP outside gp's stack (a NOSPLIT chain ran off its bottom): sigpanic would
// need the very stack that is gone, so the host prints what it would have printed —
// "unexpected fault address", the throw, the signal — and gp's frames from the fault.
Delivery OffStack(const isa::Image& image, emu::Machine& machine, const LinuxSignal& sig, uint64_t gp, uint64_t m,
                  const OutputSink& sink) {
  emu::Memory& memory = machine.memory();
  MarkThrowing(memory, gp, m);
  const uint64_t sp = machine.cpu().gpr[emu::kRsp];
  std::string out = fmt::format("goemu: SP {:#x} is outside goroutine {}'s stack [{:#x}, {:#x})\n", sp,
                                Word(memory, gp + Offset("g.goid")), Word(memory, gp + Offset("g.stack.lo")),
                                Word(memory, gp + Offset("g.stack.hi")));
  out += fmt::format("unexpected fault address {:#x}\nfatal error: fault\n"
                     "[signal {} code={:#x} addr={:#x} pc={:#x}]\n\n",
                     sig.addr, SignalName(sig.number), sig.code, sig.addr, sig.pc);
  out += FormatTrapTraceback(image, memory, sig.pc, sp, gp);
  sink(2, out);
  return {false, 2};
}

}  // namespace

LinuxSignal SignalFor(const emu::GuestFault& fault, const emu::Memory& memory) {
  using emu::FaultKind;
  switch (fault.kind) {
    case FaultKind::kUnmappedRead:
    case FaultKind::kUnmappedWrite:
    case FaultKind::kUnmappedExecute:
      return {kSigSegv, kSegvMapErr, fault.address, fault.pc};
    case FaultKind::kProtectionRead:
    case FaultKind::kProtectionWrite:
    case FaultKind::kProtectionExecute:
      return {kSigSegv, kSegvAccErr, fault.address, fault.pc};
    case FaultKind::kDivideError:  // #DE, for a zero divisor and for quotient overflow alike
      return {kSigFpe, kFpeIntDiv, fault.pc, fault.pc};
    case FaultKind::kInvalidOpcode:
    case FaultKind::kUnsupported:
      return {kSigIll, kIllIllOpn, fault.pc, fault.pc};
    case FaultKind::kBreakpoint: {
      // INT3 traps: the handler sees the address after it (CC, or CD 03 as Go assembles INT $3).
      uint8_t opcode = 0;
      memory.Peek(fault.pc, &opcode, 1);
      return {kSigTrap, kSiKernel, 0, fault.pc + (opcode == 0xcc ? 1 : 2)};
    }
    case FaultKind::kHalt:  // #GP in user mode: the kernel sends SIGSEGV with SI_KERNEL, no address
    case FaultKind::kGeneralProtection:
      return {kSigSegv, kSiKernel, 0, fault.pc};
  }
  return {kSigSegv, kSiKernel, 0, fault.pc};
}

std::string_view SignalName(uint32_t number) {
  switch (number) {
    case kSigIll: return "SIGILL: illegal instruction";
    case kSigTrap: return "SIGTRAP: trace trap";
    case kSigBus: return "SIGBUS: bus error";
    case kSigFpe: return "SIGFPE: floating-point exception";
    case kSigSegv: return "SIGSEGV: segmentation violation";
    default: return "";
  }
}

Delivery DeliverSignal(const isa::Image& image, emu::Machine& machine, const emu::GuestFault& fault,
                       const OutputSink& sink) {
  emu::Memory& memory = machine.memory();
  emu::CpuState& cpu = machine.cpu();
  const LinuxSignal sig = SignalFor(fault, memory);
  if (fault.kind == emu::FaultKind::kUnsupported) {
    sink(2, fmt::format("goemu: unsupported instruction {} at {:#x}, reported as the CPU's #UD\n", fault.detail,
                        fault.pc));
  }
  const uint64_t gp = cpu.fs_base != 0 ? Word(memory, cpu.fs_base - 8) : 0;
  const uint64_t m = gp != 0 ? Word(memory, gp + Offset("g.m")) : 0;
  if (m == 0) {  // no g yet (before settls): go1.13's badsignal
    sink(2, "fatal: bad g in signal handler\n");
    return {false, 2};
  }
  if (sig.number == kSigIll || sig.number == kSigTrap) return Throw(image, machine, sig, gp, m, sink);
  uint32_t dying = 0;
  memory.Peek(m + Offset("m.dying"), &dying, sizeof dying);
  if (dying != 0) {  // a fault while the process is already printing its death: stop here
    sink(2, fmt::format("fatal error: unexpected signal during runtime execution\n"
                        "[signal {} code={:#x} addr={:#x} pc={:#x}]\npanic during panic\n",
                        SignalName(sig.number), sig.code, sig.addr, sig.pc));
    return {false, 2};
  }
  const uint64_t sp = cpu.gpr[emu::kRsp];
  if (sp <= Word(memory, gp + Offset("g.stack.lo")) || sp > Word(memory, gp + Offset("g.stack.hi"))) {
    return OffStack(image, machine, sig, gp, m, sink);
  }
  memory.Poke(gp + Offset("g.sig"), &sig.number, sizeof sig.number);
  memory.Poke(gp + Offset("g.sigcode0"), &sig.code, sizeof sig.code);
  memory.Poke(gp + Offset("g.sigcode1"), &sig.addr, sizeof sig.addr);
  memory.Poke(gp + Offset("g.sigpc"), &sig.pc, sizeof sig.pc);
  // preparePanic: make the faulting instruction look like a call to sigpanic. A stack that
  // cannot take the word (it ran off its mapping) keeps its frame as it is.
  if (ShouldPushSigpanic(image, sig.pc, Word(memory, sp)) && memory.FindRegion(sp - 8) != nullptr) {
    memory.Poke(sp - 8, &sig.pc, sizeof sig.pc);
    cpu.gpr[emu::kRsp] = sp - 8;
  }
  const isa::ImageSymbol* sigpanic = image.FindSymbol("runtime.sigpanic");
  if (sigpanic == nullptr) return {false, 2};
  cpu.rip = sigpanic->addr;
  return {true, 0};
}

}  // namespace goemu::rt
