// libFuzzer target: the interpreter on random bytes as code, from a random register state, for
// a bounded number of steps. The memory map is the exec playground's (docs/cli.md). Guest
// faults are ordinary results here; only a host crash, a sanitizer report or a broken
// invariant of RunResult counts as a finding.
//
// Input layout:
//   byte 0        bits 0-3: number of register records; bit 4: map the code read+write+execute
//                 (self-modifying code and decode-cache invalidation)
//   records       9 bytes each: register byte, then the 8-byte little-endian value.
//                 register & 0x3f: 0-15 GPR, 16 rflags, 17 fs_base, 18-33 xmm0-15 (low half);
//                 bit 7 set: the value is folded into the data region, so memory operands hit.
//   the rest      machine code, mapped at kCodeBase
#include <cstdlib>
#include <cstring>

#include "emulator/machine.h"

namespace {

namespace emu = goemu::emu;

constexpr uint64_t kCodeBase = 0x400000;
constexpr uint64_t kStackTop = 0x7ffffff00000;
constexpr uint64_t kStackSize = 64 * 1024;
constexpr uint64_t kDataBase = 0x10000000;
constexpr uint64_t kDataSize = 64 * 1024;
constexpr uint64_t kMaxSteps = 4096;
constexpr size_t kRecordSize = 9;

void Require(bool condition) {
  if (!condition) std::abort();
}

// exit and exit_group stop the run; every other system call answers -ENOSYS.
class ExitOnly : public emu::SyscallHandler {
 public:
  Outcome OnSyscall(emu::Machine& machine) override {
    auto& regs = machine.cpu().gpr;
    if (regs[emu::kRax] == 60 || regs[emu::kRax] == 231) return Outcome{true, static_cast<int>(regs[emu::kRdi])};
    regs[emu::kRax] = static_cast<uint64_t>(-38);
    return {};
  }
};

void SetRegister(emu::CpuState& cpu, uint8_t which, uint64_t value) {
  if (which & 0x80) value = kDataBase + value % kDataSize;
  which &= 0x3f;
  if (which < 16) cpu.gpr[which] = value;
  else if (which == 16) cpu.rflags = value;
  else if (which == 17) cpu.fs_base = value;
  else if (which < 34) cpu.xmm[which - 18].lo = value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t records = data[0] & 0x0f;
  const bool writable_code = data[0] & 0x10;
  size_t pos = 1;
  emu::Memory memory;
  emu::Machine machine(memory);
  emu::CpuState& cpu = machine.cpu();
  cpu.rip = kCodeBase;
  cpu.gpr[emu::kRsp] = kStackTop - 256;
  for (size_t i = 0; i < records && pos + kRecordSize <= size; ++i, pos += kRecordSize) {
    uint64_t value = 0;
    std::memcpy(&value, data + pos + 1, sizeof(value));
    SetRegister(cpu, data[pos], value);
  }
  const size_t code_size = size - pos;
  if (code_size == 0) return 0;
  const uint64_t mapped = (code_size + emu::kPageMask) & ~emu::kPageMask;
  Require(memory.Map(kCodeBase, mapped, writable_code ? emu::kPermRX | emu::kPermWrite : emu::kPermRX, "code"));
  Require(memory.Poke(kCodeBase, data + pos, code_size));
  Require(memory.Map(kStackTop - kStackSize, kStackSize, emu::kPermRW, "stack"));
  Require(memory.Map(kDataBase, kDataSize, emu::kPermRW, "data"));
  ExitOnly syscalls;
  machine.SetSyscallHandler(&syscalls);
  const emu::RunResult result = machine.Run({kMaxSteps, kCodeBase + code_size});
  Require(result.steps <= kMaxSteps);
  Require(result.fault.has_value() == (result.reason == emu::StopReason::kFault));
  if (result.fault) Require(!emu::DescribeFault(*result.fault).empty());
  if (result.reason == emu::StopReason::kEnd) Require(cpu.rip == kCodeBase + code_size);
  return 0;
}
