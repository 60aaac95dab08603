#include "trace/runtime_view.h"

#include <array>

#include <fmt/format.h>

#include "trace/event_format.h"

namespace goemu::trace {

uint64_t RuntimeView::CurrentG(const emu::Machine& machine) const {
  const uint64_t slot = GSlot(machine);
  if (slot == 0) return layout_.g0_addr;
  return machine.memory().PeekU64(slot).value_or(0);
}

std::optional<GState> RuntimeView::ReadG(const emu::Memory& memory, uint64_t g) const {
  if (g == 0) return std::nullopt;
  auto field = [&](uint32_t off) { return memory.PeekU64(g + off); };
  auto lo = field(layout_.g_stack_lo);
  auto hi = field(layout_.g_stack_hi);
  auto goid = field(layout_.g_goid);
  if (!lo || !hi || !goid) return std::nullopt;
  GState s;
  s.addr = g;
  s.goid = static_cast<int64_t>(*goid);
  s.stack = StackBounds{*lo, *hi};
  s.stackguard0 = field(layout_.g_stackguard0).value_or(0);
  s.m = field(layout_.g_m).value_or(0);
  s.defer_head = field(layout_.g_defer).value_or(0);
  const uint64_t sched = g + layout_.g_sched;
  s.sched.sp = memory.PeekU64(sched + layout_.gobuf_sp).value_or(0);
  s.sched.pc = memory.PeekU64(sched + layout_.gobuf_pc).value_or(0);
  s.sched.ctxt = memory.PeekU64(sched + layout_.gobuf_ctxt).value_or(0);
  s.sched.ret = memory.PeekU64(sched + layout_.gobuf_ret).value_or(0);
  s.sched.bp = memory.PeekU64(sched + layout_.gobuf_bp).value_or(0);
  return s;
}

int64_t RuntimeView::Goid(const emu::Memory& memory, uint64_t g) const {
  if (g == 0) return -1;
  auto goid = memory.PeekU64(g + layout_.g_goid);
  return goid ? static_cast<int64_t>(*goid) : -1;
}

uint64_t RuntimeView::MField(const emu::Memory& memory, uint64_t g, uint32_t off) const {
  if (g == 0) return 0;
  const uint64_t m = memory.PeekU64(g + layout_.g_m).value_or(0);
  if (m == 0) return 0;
  return memory.PeekU64(m + off).value_or(0);
}

int64_t RuntimeView::MidOf(const emu::Memory& memory, uint64_t g) const {
  if (g == 0) return -1;
  const uint64_t m = memory.PeekU64(g + layout_.g_m).value_or(0);
  if (m == 0) return -1;
  auto id = memory.PeekU64(m + layout_.m_id);
  return id ? static_cast<int64_t>(*id) : -1;
}

std::vector<DeferRecord> RuntimeView::Defers(const emu::Memory& memory, uint64_t g, size_t limit) const {
  std::vector<DeferRecord> chain;
  uint64_t d = g != 0 ? memory.PeekU64(g + layout_.g_defer).value_or(0) : 0;
  while (d != 0 && chain.size() < limit) {
    DeferRecord r;
    r.addr = d;
    uint32_t siz = 0;
    memory.Peek(d + layout_.defer_siz, &siz, sizeof siz);
    r.siz = siz;
    r.sp = memory.PeekU64(d + layout_.defer_sp).value_or(0);
    r.pc = memory.PeekU64(d + layout_.defer_pc).value_or(0);
    r.fn = memory.PeekU64(d + layout_.defer_fn).value_or(0);
    r.link = memory.PeekU64(d + layout_.defer_link).value_or(0);
    chain.push_back(r);
    d = r.link;
  }
  return chain;
}

std::string RuntimeView::NameOf(const emu::Memory& memory, uint64_t g) const {
  if (g == 0) return "?";
  if (g == layout_.g0_addr || g == G0Of(memory, g)) return "g0";
  if (g == GsignalOf(memory, g)) return "gsignal";
  const int64_t goid = Goid(memory, g);
  return goid < 0 ? "?" : fmt::format("g{}", goid);
}

uint32_t RuntimeView::Status(const emu::Memory& memory, uint64_t g) const {
  uint32_t status = 0;
  if (g != 0) memory.Peek(g + layout_.g_atomicstatus, &status, sizeof status);
  return status;
}

std::vector<uint64_t> RuntimeView::AllGs(const emu::Memory& memory, size_t limit) const {
  std::vector<uint64_t> gs;
  if (layout_.allgs_addr == 0) return gs;
  const uint64_t base = memory.PeekU64(layout_.allgs_addr).value_or(0);
  const uint64_t len = memory.PeekU64(layout_.allgs_addr + 8).value_or(0);
  for (uint64_t i = 0; base != 0 && i < len && gs.size() < limit; ++i) {
    const auto g = memory.PeekU64(base + 8 * i);
    if (!g) break;
    gs.push_back(*g);
  }
  return gs;
}

std::string_view RuntimeView::SyscallName(int64_t number) const {
  for (const auto& [n, name] : layout_.syscall_names) {
    if (n == number) return name;
  }
  return LinuxSyscallName(number);
}

StackOwner RuntimeView::OwnerOf(const emu::Machine& machine, uint64_t sp) const {
  const emu::Memory& memory = machine.memory();
  const uint64_t cur = CurrentG(machine);
  // The candidates are the g's an m can run on: the current one, and its m's g0, curg
  // and gsignal (the current g may already have been switched while SP has not).
  const std::array<uint64_t, 5> candidates = {cur, G0Of(memory, cur), CurgOf(memory, cur),
                                              GsignalOf(memory, cur), layout_.g0_addr};
  for (uint64_t g : candidates) {
    auto state = ReadG(memory, g);
    if (!state || !state->stack.known() || !state->stack.Contains(sp)) continue;
    return StackOwner{g, state->goid, state->stack, NameOf(memory, g), true};
  }
  StackOwner owner;
  if (const emu::Region* region = memory.FindRegion(sp)) owner.bounds = {region->base, region->base + region->size};
  // Before rt0_go records g0's bounds, the process stack is the one that becomes g0's.
  auto g0 = ReadG(memory, layout_.g0_addr);
  if (g0 && !g0->stack.known() && (cur == layout_.g0_addr || cur == 0)) {
    owner.g = layout_.g0_addr;
    owner.goid = 0;
    owner.name = "g0";
    return owner;
  }
  // No g owns it (programs without a runtime): name the memory region instead.
  const emu::Region* region = memory.FindRegion(sp);
  owner.name = region != nullptr ? region->name : "?";
  return owner;
}

}  // namespace goemu::trace
