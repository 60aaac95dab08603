// The guest's heap arena: where the host services place goroutine stacks and heap objects.
// Like Go's allocator it starts at 0xc000000000 and hands out memory in spans; unlike it,
// everything is a deterministic bump/free-list scheme, so addresses are identical on every
// run. Span regions are named so diagrams and fault reports can say what they hold.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "emulator/memory.h"

namespace goemu::rt {

struct StackBounds {
  uint64_t lo = 0;
  uint64_t hi = 0;  // one past the top
};

class GuestArena {
 public:
  static constexpr uint64_t kBase = 0xc000000000;
  // Go's span granularity (8 KiB pages).
  static constexpr uint64_t kSpanAlign = 8192;
  // Small stacks (< 32 KiB) are carved from spans of this size, as Go's stack pool does.
  static constexpr uint64_t kStackPoolSpan = 32768;
  // Heap objects are bump-allocated from spans of this size.
  static constexpr uint64_t kHeapSpan = 65536;
  // The default cap on guest memory (every mapped page: image, process stack, arena) that
  // the arena will not grow past; beyond it allocations fail (the guest's "out of memory").
  // Guest memory is host memory, so this bounds what a runaway program can take. 4 GiB lets
  // go1.13's own "stack overflow" (past 1e9 bytes of stack) stop unbounded recursion first.
  static constexpr uint64_t kDefaultMaxMemory = 4ull << 30;

  explicit GuestArena(emu::Memory& memory) : memory_(memory) {}

  // A zeroed stack of `size` bytes (a power of two >= 2048), aligned to its size.
  // nullopt when the arena is exhausted or size is not a power of two.
  std::optional<StackBounds> AllocStack(uint64_t size);
  // Returns a stack to its size's free list; the next AllocStack of that size reuses it
  // (last freed, first reused). Stacks of a pool span stay mapped; a large stack is unmapped.
  void FreeStack(StackBounds stack);
  // `size` zeroed bytes, 8-byte aligned (16 for 16 bytes or more). nullopt when exhausted.
  std::optional<uint64_t> AllocHeap(uint64_t size);

  // Changes the cap (`goemu run --max-memory`).
  void set_max_memory(uint64_t bytes) { max_memory_ = bytes; }
  uint64_t max_memory() const { return max_memory_; }

  // Every stack size AllocStack served, in order (what --stats and the stack-growth test read).
  const std::vector<uint64_t>& stack_sizes() const { return stack_sizes_; }
  uint64_t used() const { return next_ - kBase; }
  // The most guest memory (every mapped page, not only the arena's) mapped at any one time so
  // far. Only the arena maps pages after boot, and it unmaps freed large stacks, so it notes
  // the total after each mapping; --stats prints it as the run's peak.
  uint64_t peak_mapped() const { return std::max(peak_mapped_, memory_.mapped_bytes()); }

 private:
  std::optional<uint64_t> NewSpan(uint64_t size, uint64_t align, const std::string& name);
  bool Map(uint64_t base, uint64_t size, const std::string& name);

  emu::Memory& memory_;
  uint64_t max_memory_ = kDefaultMaxMemory;
  uint64_t next_ = kBase;                          // first unused arena address
  std::map<uint64_t, std::vector<uint64_t>> free_stacks_;  // size -> free stack bases (LIFO)
  uint64_t heap_cursor_ = 0;                       // next free byte of the current heap span
  uint64_t heap_end_ = 0;
  std::vector<uint64_t> stack_sizes_;
  uint64_t peak_mapped_ = 0;
};

}  // namespace goemu::rt
