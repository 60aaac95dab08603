// Guest faults as Linux signals (signals.h): the siginfo each fault kind produces on
// Linux/amd64 and the names go1.13's sigtable gives them.
#include <catch2/catch.hpp>

#include "runtime_model/signals.h"

namespace goemu::rt {
namespace {

using emu::FaultKind;

LinuxSignal For(FaultKind kind, uint64_t pc, uint64_t address, const emu::Memory& memory) {
  return SignalFor(emu::GuestFault{kind, pc, address, {}}, memory);
}

void RequireSignal(const LinuxSignal& s, uint32_t number, uint64_t code, uint64_t addr, uint64_t pc) {
  CHECK(s.number == number);
  CHECK(s.code == code);
  CHECK(s.addr == addr);
  CHECK(s.pc == pc);
}

TEST_CASE("memory faults are SIGSEGV: MAPERR when unmapped, ACCERR when the page forbids it") {
  emu::Memory memory;
  RequireSignal(For(FaultKind::kUnmappedRead, 0x401005, 0, memory), 11, 1, 0, 0x401005);
  RequireSignal(For(FaultKind::kUnmappedWrite, 0x401005, 0xdead0000, memory), 11, 1, 0xdead0000, 0x401005);
  RequireSignal(For(FaultKind::kUnmappedExecute, 0, 0, memory), 11, 1, 0, 0);
  RequireSignal(For(FaultKind::kProtectionWrite, 0x401010, 0x401000, memory), 11, 2, 0x401000, 0x401010);
  RequireSignal(For(FaultKind::kProtectionExecute, 0x406010, 0x406010, memory), 11, 2, 0x406010, 0x406010);
  // #GP (HLT in user mode, non-canonical addresses): SI_KERNEL and no address.
  RequireSignal(For(FaultKind::kHalt, 0x401000, 0, memory), 11, 0x80, 0, 0x401000);
  RequireSignal(For(FaultKind::kGeneralProtection, 0x401000, 0x8000000000000000, memory), 11, 0x80, 0, 0x401000);
}

TEST_CASE("#DE is SIGFPE/FPE_INTDIV at the pc; #UD is SIGILL/ILL_ILLOPN") {
  emu::Memory memory;
  RequireSignal(For(FaultKind::kDivideError, 0x4043e7, 0, memory), 8, 1, 0x4043e7, 0x4043e7);
  RequireSignal(For(FaultKind::kInvalidOpcode, 0x404387, 0, memory), 4, 2, 0x404387, 0x404387);
  RequireSignal(For(FaultKind::kUnsupported, 0x404382, 0, memory), 4, 2, 0x404382, 0x404382);
}

TEST_CASE("INT3 traps: SIGTRAP/SI_KERNEL with the pc after the instruction, CC or CD 03") {
  emu::Memory memory;
  REQUIRE(memory.Map(0x401000, 0x1000, emu::kPermRX, "text"));
  const uint8_t code[] = {0xcc, 0xcd, 0x03};
  REQUIRE(memory.Poke(0x401000, code, sizeof code));
  RequireSignal(For(FaultKind::kBreakpoint, 0x401000, 0, memory), 5, 0x80, 0, 0x401001);
  RequireSignal(For(FaultKind::kBreakpoint, 0x401001, 0, memory), 5, 0x80, 0, 0x401003);
}

TEST_CASE("signal names are go1.13's sigtable entries") {
  CHECK(SignalName(kSigSegv) == "SIGSEGV: segmentation violation");
  CHECK(SignalName(kSigFpe) == "SIGFPE: floating-point exception");
  CHECK(SignalName(kSigIll) == "SIGILL: illegal instruction");
  CHECK(SignalName(kSigTrap) == "SIGTRAP: trace trap");
  CHECK(SignalName(kSigBus) == "SIGBUS: bus error");
  CHECK(SignalName(31).empty());
}

}  // namespace
}  // namespace goemu::rt
