#include "debugger/goroutines.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime_model/layout.h"

namespace goemu::debugger {
namespace {

constexpr uint64_t kAtomicStatus = rt::Offset("g.atomicstatus");
constexpr uint64_t kSchedlink = rt::Offset("g.schedlink");
constexpr uint64_t kMP = rt::Offset("m.p");
constexpr uint64_t kRunqHead = rt::Offset("p.runqhead");
constexpr uint64_t kRunqTail = rt::Offset("p.runqtail");
constexpr uint64_t kRunq = rt::Offset("p.runq");
constexpr uint64_t kRunnext = rt::Offset("p.runnext");
constexpr uint64_t kGlobalRunqHead = rt::Offset("schedt.runq.head");
constexpr uint64_t kRunqSlots = 256;
// A corrupt schedlink chain must not hang the debugger.
constexpr size_t kMaxQueued = 4096;
constexpr uint32_t kGscan = 0x1000;

uint32_t PeekU32(const emu::Memory& memory, uint64_t addr) {
  uint32_t value = 0;
  memory.Peek(addr, &value, sizeof value);
  return value;
}

void AddRunQueues(const emu::Memory& memory, uint64_t m, uint64_t sched, std::set<uint64_t>& gs) {
  if (const uint64_t p = m != 0 ? memory.PeekU64(m + kMP).value_or(0) : 0) {
    gs.insert(memory.PeekU64(p + kRunnext).value_or(0));
    const uint32_t head = PeekU32(memory, p + kRunqHead);
    const uint32_t tail = PeekU32(memory, p + kRunqTail);
    for (uint32_t i = head; i != tail && i - head < kRunqSlots; ++i) {
      gs.insert(memory.PeekU64(p + kRunq + 8 * (i % kRunqSlots)).value_or(0));
    }
  }
  if (sched == 0) return;
  uint64_t g = memory.PeekU64(sched + kGlobalRunqHead).value_or(0);
  for (size_t n = 0; g != 0 && n < kMaxQueued; ++n) {
    gs.insert(g);
    g = memory.PeekU64(g + kSchedlink).value_or(0);
  }
}

}  // namespace

std::string GStatusName(uint32_t status) {
  static constexpr std::string_view kNames[] = {"idle",  "runnable", "running", "syscall", "waiting",
                                                "moribund", "dead", "enqueue", "copystack"};
  const uint32_t base = status & ~kGscan;
  const std::string_view name = base < std::size(kNames) ? kNames[base] : std::string_view("?");
  return (status & kGscan) != 0 ? fmt::format("scan{}", name) : std::string(name);
}

GInfo DescribeG(Session& session, uint64_t g) {
  const emu::Memory& memory = session.machine().memory();
  GInfo info;
  info.state = session.view().ReadG(memory, g).value_or(trace::GState{});
  info.name = session.view().NameOf(memory, g);
  info.status = PeekU32(memory, g + kAtomicStatus);
  return info;
}

std::vector<GInfo> KnownGs(Session& session) {
  const emu::Machine& machine = session.machine();
  const trace::RuntimeView& view = session.view();
  std::set<uint64_t> gs = session.seen_gs();
  const uint64_t cur = view.CurrentG(machine);
  for (uint64_t g : {cur, view.G0Of(machine.memory(), cur), view.CurgOf(machine.memory(), cur),
                     view.GsignalOf(machine.memory(), cur), view.layout().g0_addr}) {
    gs.insert(g);
  }
  const uint64_t m = cur != 0 ? machine.memory().PeekU64(cur + view.layout().g_m).value_or(0) : 0;
  const isa::ImageSymbol* sched = session.image().FindSymbol("runtime.sched");
  AddRunQueues(machine.memory(), m, sched != nullptr ? sched->addr : 0, gs);
  gs.erase(0);
  std::vector<GInfo> out;
  for (uint64_t g : gs) {
    GInfo info = DescribeG(session, g);
    if (info.state.addr != 0) out.push_back(std::move(info));
  }
  std::stable_sort(out.begin(), out.end(), [](const GInfo& a, const GInfo& b) {
    const bool a0 = a.name == "g0", b0 = b.name == "g0";
    return a0 != b0 ? a0 : a.state.goid < b.state.goid;
  });
  return out;
}

}  // namespace goemu::debugger
