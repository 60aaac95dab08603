// Guest faults: every way a guest instruction can fail to retire.
// A fault is a value the machine reports; it is never a host crash.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace goemu::emu {

enum class FaultKind : uint8_t {
  kUnmappedRead,       // load from an address no region maps
  kUnmappedWrite,      // store to an address no region maps
  kUnmappedExecute,    // instruction fetch from an unmapped address
  kProtectionRead,     // load from a mapped page without read permission
  kProtectionWrite,    // store to a mapped page without write permission (e.g. text)
  kProtectionExecute,  // fetch from a mapped page without execute permission (e.g. data)
  kDivideError,        // #DE: DIV/IDIV by zero or quotient overflow
  kInvalidOpcode,      // #UD: UD2, or bytes Zydis cannot decode
  kBreakpoint,         // INT3 / INT $3
  kHalt,               // HLT (privileged: user code faults)
  kGeneralProtection,  // other #GP conditions (e.g. non-canonical address)
  kUnsupported,        // a valid instruction goemu does not implement
};

// Short stable name used in reports and JSON ("unmapped-read", ...).
std::string_view FaultKindName(FaultKind kind);

struct GuestFault {
  FaultKind kind;
  uint64_t pc = 0;       // address of the faulting instruction
  uint64_t address = 0;  // the memory address involved (0 when none)
  std::string detail;    // e.g. the instruction text for kUnsupported
};

// One-line human-readable description: "unmapped write at 0x10 (pc 0x401000)".
std::string DescribeFault(const GuestFault& fault);

}  // namespace goemu::emu
