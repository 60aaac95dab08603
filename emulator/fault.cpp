#include "emulator/fault.h"

#include <fmt/format.h>

namespace goemu::emu {

std::string_view FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kUnmappedRead: return "unmapped-read";
    case FaultKind::kUnmappedWrite: return "unmapped-write";
    case FaultKind::kUnmappedExecute: return "unmapped-execute";
    case FaultKind::kProtectionRead: return "protection-read";
    case FaultKind::kProtectionWrite: return "protection-write";
    case FaultKind::kProtectionExecute: return "protection-execute";
    case FaultKind::kDivideError: return "divide-error";
    case FaultKind::kInvalidOpcode: return "invalid-opcode";
    case FaultKind::kBreakpoint: return "breakpoint";
    case FaultKind::kHalt: return "halt";
    case FaultKind::kGeneralProtection: return "general-protection";
    case FaultKind::kUnsupported: return "unsupported-instruction";
  }
  return "unknown";
}

std::string DescribeFault(const GuestFault& fault) {
  switch (fault.kind) {
    case FaultKind::kUnsupported:
      return fmt::format("unsupported instruction {} at {:#x}", fault.detail, fault.pc);
    case FaultKind::kDivideError:
    case FaultKind::kInvalidOpcode:
    case FaultKind::kBreakpoint:
    case FaultKind::kHalt:
      return fmt::format("{} at pc {:#x}{}{}", FaultKindName(fault.kind), fault.pc,
                         fault.detail.empty() ? "" : ": ", fault.detail);
    default:
      return fmt::format("{} at address {:#x} (pc {:#x})", FaultKindName(fault.kind),
                         fault.address, fault.pc);
  }
}

}  // namespace goemu::emu
