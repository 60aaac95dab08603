#include "runtime_model/call_trace.h"

#include <fmt/format.h>

namespace goemu::rt {

uint32_t CallTracer::interest() const {
  return emu::kClassCall | emu::kClassJump | emu::kClassIndirectJump | emu::kClassSyscall;
}

void CallTracer::OnRetired(emu::Machine&, const emu::RetiredInsn& insn) {
  if (insn.classes & emu::kClassSyscall) {
    const std::string text = DescribeSyscall(syscalls_.last());
    sink_(text.starts_with("service ") ? text : "syscall " + text);
    return;
  }
  const bool call = (insn.classes & emu::kClassCall) != 0;
  const isa::ImageSymbol* target = image_.SymbolAt(insn.next_pc);
  if (target == nullptr) {
    sink_(fmt::format("{} {:#x}", call ? "call" : "jmp", insn.next_pc));
    return;
  }
  if (!call && image_.SymbolAt(insn.pc) == target) return;  // a branch inside one function
  const std::string& name = target->symbol.name;
  const uint64_t off = insn.next_pc - target->addr;
  if (off == 0) sink_(fmt::format("{} {}", call ? "call" : "jmp", name));
  else sink_(fmt::format("{} {}+{:#x}", call ? "call" : "resume", name, off));
}

}  // namespace goemu::rt
