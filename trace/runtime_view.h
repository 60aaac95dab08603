// What the tracer needs to know about the Go runtime, without including runtime_model/:
// where the current g pointer lives (the TLS slot FS:-8), and the offsets of the few g, m,
// gobuf and _defer fields it reads. The runtime model fills a RuntimeLayout from its own
// layout table; the defaults are go1.13's (docs/runtime-model.md §1), so hand-written
// test programs that build fake g/m records can use them as they are.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/machine.h"

namespace goemu::trace {

struct RuntimeLayout {
  uint32_t g_stack_lo = 0;
  uint32_t g_stack_hi = 8;
  uint32_t g_stackguard0 = 16;
  uint32_t g_defer = 40;
  uint32_t g_m = 48;
  uint32_t g_sched = 56;
  uint32_t g_goid = 152;
  uint32_t m_g0 = 0;
  uint32_t m_gsignal = 80;
  uint32_t m_curg = 192;
  uint32_t m_id = 232;
  uint32_t gobuf_sp = 0;
  uint32_t gobuf_pc = 8;
  uint32_t gobuf_ctxt = 24;
  uint32_t gobuf_ret = 32;
  uint32_t gobuf_bp = 48;
  uint32_t defer_siz = 0;
  uint32_t defer_sp = 8;
  uint32_t defer_pc = 16;
  uint32_t defer_fn = 24;
  uint32_t defer_link = 40;
  uint32_t g_atomicstatus = 144;
  // Address of the static runtime.g0, which owns the process stack before TLS is set up
  // (0 when the program has none).
  uint64_t g0_addr = 0;
  // Address of runtime.allgs (a []*g slice header), so diagrams can draw every goroutine's
  // stack; 0 when the program has none.
  uint64_t allgs_addr = 0;
  // Names for syscall numbers the runtime gives its own meaning (the runtime model's host
  // services from 0x10000); looked up before Linux's table.
  std::vector<std::pair<int64_t, std::string>> syscall_names;
};

struct StackBounds {
  uint64_t lo = 0;
  uint64_t hi = 0;  // exclusive
  bool known() const { return hi > lo; }
  bool Contains(uint64_t addr) const { return addr >= lo && addr < hi; }
  bool operator==(const StackBounds&) const = default;
};

struct Gobuf {
  uint64_t sp = 0, pc = 0, ctxt = 0, ret = 0, bp = 0;
};

struct GState {
  uint64_t addr = 0;
  int64_t goid = -1;
  StackBounds stack;
  uint64_t stackguard0 = 0;
  uint64_t m = 0;
  uint64_t defer_head = 0;
  Gobuf sched;
};

struct DeferRecord {
  uint64_t addr = 0;
  uint32_t siz = 0;
  uint64_t sp = 0, pc = 0, fn = 0, link = 0;
};

// Who owns the stack an SP lies on.
struct StackOwner {
  uint64_t g = 0;     // 0 when no g's bounds contain it
  int64_t goid = -1;
  StackBounds bounds;  // the g's bounds, or the memory region's when the g has none yet
  std::string name;    // "g0", "g1", "gsignal", or "?"
  bool bounds_from_g = false;
};

class RuntimeView {
 public:
  explicit RuntimeView(RuntimeLayout layout = {}) : layout_(layout) {}
  const RuntimeLayout& layout() const { return layout_; }

  // The g pointer in the TLS slot, or runtime.g0 before FS is set; 0 when neither.
  uint64_t CurrentG(const emu::Machine& machine) const;
  // The address of the TLS g slot, or 0 while FS is not set up.
  static uint64_t GSlot(const emu::Machine& machine) {
    return machine.cpu().fs_base != 0 ? machine.cpu().fs_base - 8 : 0;
  }
  std::optional<GState> ReadG(const emu::Memory& memory, uint64_t g) const;
  int64_t Goid(const emu::Memory& memory, uint64_t g) const;
  // m.g0, m.curg, m.gsignal, m.id of the m that g runs on (0 / -1 when unreadable).
  uint64_t G0Of(const emu::Memory& memory, uint64_t g) const { return MField(memory, g, layout_.m_g0); }
  uint64_t CurgOf(const emu::Memory& memory, uint64_t g) const { return MField(memory, g, layout_.m_curg); }
  uint64_t GsignalOf(const emu::Memory& memory, uint64_t g) const { return MField(memory, g, layout_.m_gsignal); }
  int64_t MidOf(const emu::Memory& memory, uint64_t g) const;
  // The g's _defer chain, newest first, at most `limit` records (the chain may be corrupt).
  std::vector<DeferRecord> Defers(const emu::Memory& memory, uint64_t g, size_t limit = 64) const;
  StackOwner OwnerOf(const emu::Machine& machine, uint64_t sp) const;
  // "g0" for an m's g0 (goid 0), "gsignal" for its signal g, "g<goid>" otherwise.
  std::string NameOf(const emu::Memory& memory, uint64_t g) const;
  // g.atomicstatus (0 when unreadable).
  uint32_t Status(const emu::Memory& memory, uint64_t g) const;
  // Every g in runtime.allgs, in creation order (at most `limit`; empty without allgs).
  std::vector<uint64_t> AllGs(const emu::Memory& memory, size_t limit = 4096) const;
  // The layout's name for a syscall number, else Linux's; "" when neither knows it.
  std::string_view SyscallName(int64_t number) const;

 private:
  uint64_t MField(const emu::Memory& memory, uint64_t g, uint32_t off) const;
  RuntimeLayout layout_;
};

}  // namespace goemu::trace
