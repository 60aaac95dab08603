#include "tests/trace/test_program.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "trace/runtime_view.h"

namespace goemu::trace::testing {
namespace {

uint64_t PageDown(uint64_t a) { return a & ~emu::kPageMask; }
uint64_t PageUp(uint64_t a) { return (a + emu::kPageMask) & ~emu::kPageMask; }

}  // namespace

TestProgram::TestProgram(std::string_view source, std::string_view entry) {
  isa::AssembleResult assembled = isa::AssembleSource("prog.s", source, isa::AssembleOptions{});
  for (const auto& d : assembled.diagnostics) UNSCOPED_INFO(d.Format());
  REQUIRE(assembled.ok());
  isa::LinkResult linked = isa::Link({assembled.object}, isa::LinkOptions{});
  for (const auto& d : linked.diagnostics) UNSCOPED_INFO(d.Format());
  REQUIRE(linked.ok());
  image = std::move(linked.image);
  for (const isa::Segment& seg : image.segments) {
    if (seg.mem_size == 0) continue;
    uint8_t perms = emu::kPermRead;
    if (seg.writable) perms |= emu::kPermWrite;
    if (seg.executable) perms |= emu::kPermExec;
    const uint64_t base = PageDown(seg.addr);
    REQUIRE(memory.Map(base, PageUp(seg.addr + seg.mem_size) - base, perms, seg.name));
    REQUIRE(memory.Poke(seg.addr, seg.bytes.data(), seg.bytes.size()));
  }
  REQUIRE(memory.Map(kStackBase, kStackSize, emu::kPermRW, "stack"));
  REQUIRE(memory.Map(kAltStackBase, kAltStackSize, emu::kPermRW, "alt stack"));
  code = std::make_unique<CodeIndex>(image);
  // Enter `entry` as if called with return address 0 from the top of the stack.
  machine.cpu().gpr[emu::kRsp] = kStackTop - 64;
  machine.cpu().rip = Addr(entry);
}

uint64_t TestProgram::Addr(std::string_view symbol) const {
  const isa::ImageSymbol* sym = image.FindSymbol(symbol);
  INFO("symbol " << symbol);
  REQUIRE(sym != nullptr);
  return sym->addr;
}

void TestProgram::RunTo(std::string_view symbol, uint64_t off, uint64_t max_steps) {
  emu::RunResult r = machine.Run(emu::RunOptions{.max_steps = max_steps, .stop_at = Addr(symbol) + off});
  INFO("stopped at " << code->Symbolize(pc()));
  REQUIRE(r.reason == emu::StopReason::kEnd);
}

uint64_t TestProgram::InsnAddr(std::string_view symbol, std::string_view text) const {
  const isa::ImageSymbol* sym = image.FindSymbol(symbol);
  REQUIRE(sym != nullptr);
  for (const isa::Instruction& insn : sym->symbol.insns) {
    std::string spaced = insn.text;
    std::replace(spaced.begin(), spaced.end(), '\t', ' ');
    if (!insn.bytes.empty() && spaced.starts_with(text)) return sym->addr + insn.off;
  }
  FAIL("no instruction " << text << " in " << symbol);
  return 0;
}

void TestProgram::RunToInsn(std::string_view symbol, std::string_view text, uint64_t max_steps) {
  const uint64_t addr = InsnAddr(symbol, text);
  RunTo(symbol, addr - Addr(symbol), max_steps);
}

void TestProgram::InstallFakeRuntime(bool with_bounds) {
  const uint64_t g0 = Addr("main.g0"), g1 = Addr("main.g1"), m0 = Addr("main.m0"), tls = Addr("main.tls");
  const RuntimeLayout layout;
  machine.cpu().fs_base = tls + 8;
  Poke64(tls, g0);
  Poke64(Addr("main.altsp"), kAltStackBase + kAltStackSize);
  Poke64(g0 + layout.g_m, m0);
  Poke64(g1 + layout.g_m, m0);
  Poke64(g1 + layout.g_goid, 1);
  Poke64(m0 + layout.m_g0, g0);
  Poke64(m0 + layout.m_curg, g1);
  if (with_bounds) {
    Poke64(g0 + layout.g_stack_lo, kStackBase);
    Poke64(g0 + layout.g_stack_hi, kStackTop);
    Poke64(g1 + layout.g_stack_lo, kAltStackBase);
    Poke64(g1 + layout.g_stack_hi, kAltStackBase + kAltStackSize);
  }
}

}  // namespace goemu::trace::testing
