#include "tests/difftest/interp_runner.h"

#include <exception>

#include "emulator/machine.h"
#include "emulator/memory.h"
#include "tests/difftest/landing_pads.h"

namespace goemu::difftest {

namespace {
// A REP-prefixed instruction may retire one iteration per step without
// leaving its address; the generator never asks for more than 9.
constexpr unsigned kMaxSteps = 64;
}  // namespace

Outcome RunInterpreter(const TestCase& test) {
  Outcome out;
  emu::Memory memory;
  memory.Map(kCodePage, kPageBytes, emu::kPermRX, "difftest code");
  memory.Map(kDataPage, kPageBytes, emu::kPermRW, "difftest data");
  memory.Map(kStackPage, kPageBytes, emu::kPermRW, "difftest stack");
  const CodePatch patch = PatchFor(test);
  memory.Poke(kCodePage, BaseCodePage().data(), kPageBytes);
  memory.Poke(kInsnAddr, patch.bytes.data(), patch.length);
  memory.Poke(kDataWindow, test.data.data(), kWindowBytes);
  memory.Poke(kStackWindow, test.stack.data(), kWindowBytes);

  emu::Machine machine(memory);
  emu::CpuState& cpu = machine.cpu();
  cpu.gpr = test.init.gpr;
  cpu.rflags = test.init.rflags;
  cpu.xmm = test.init.xmm;
  cpu.rip = kInsnAddr;
  try {
    for (unsigned step = 0; step < kMaxSteps && cpu.rip == kInsnAddr; ++step) {
      const std::optional<emu::RunResult> stop = machine.Step();
      if (!stop) continue;
      if (stop->fault) {
        out.fault = stop->fault->kind;
        out.unsupported = stop->fault->kind == emu::FaultKind::kUnsupported;
        out.note = emu::DescribeFault(*stop->fault);
      } else {
        out.harness_error = true;
        out.note = "the machine stopped without a fault";
      }
      break;
    }
  } catch (const std::exception& e) {
    out.harness_error = true;
    out.note = std::string("the interpreter threw: ") + e.what();
  }
  out.regs.gpr = cpu.gpr;
  out.regs.rflags = cpu.rflags;
  out.regs.xmm = cpu.xmm;
  out.rip = cpu.rip;
  memory.Peek(kDataWindow, out.data.data(), kWindowBytes);
  memory.Peek(kStackWindow, out.stack.data(), kWindowBytes);
  return out;
}

}  // namespace goemu::difftest
