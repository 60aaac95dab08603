#include "runtime_model/guest_arena.h"

#include <fmt/format.h>

namespace goemu::rt {
namespace {

uint64_t AlignUp(uint64_t value, uint64_t align) { return (value + align - 1) / align * align; }
bool IsPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

std::string SizeName(uint64_t size) {
  return size % 1024 == 0 ? fmt::format("{} KiB", size / 1024) : fmt::format("{} B", size);
}

}  // namespace

bool GuestArena::Map(uint64_t base, uint64_t size, const std::string& name) {
  if (!memory_.Map(base, size, emu::kPermRW, name)) return false;
  peak_mapped_ = std::max(peak_mapped_, memory_.mapped_bytes());
  return true;
}

std::optional<uint64_t> GuestArena::NewSpan(uint64_t size, uint64_t align, const std::string& name) {
  const uint64_t base = AlignUp(next_, align);
  if (memory_.mapped_bytes() + size > max_memory_) return std::nullopt;
  if (!Map(base, size, name)) return std::nullopt;
  next_ = base + size;
  return base;
}

std::optional<StackBounds> GuestArena::AllocStack(uint64_t size) {
  if (!IsPowerOfTwo(size) || size < 2048) return std::nullopt;
  std::vector<uint64_t>& free = free_stacks_[size];
  if (free.empty()) {
    if (size < kStackPoolSpan) {
      // Carve a pool span; the highest stack is handed out first, as Go's span free list
      // (built from the bottom up, popped from the head) does.
      auto span = NewSpan(kStackPoolSpan, kStackPoolSpan,
                          fmt::format("goroutine stacks ({} each)", SizeName(size)));
      if (!span) return std::nullopt;
      for (uint64_t at = *span; at < *span + kStackPoolSpan; at += size) free.push_back(at);
    } else {
      auto span = NewSpan(size, std::max(size, kSpanAlign), fmt::format("goroutine stack ({})", SizeName(size)));
      if (!span) return std::nullopt;
      free.push_back(*span);
    }
  }
  const uint64_t lo = free.back();
  free.pop_back();
  if (size < kStackPoolSpan) {
    // A reused pool stack may hold a dead goroutine's frames; Go's stacks are not zeroed
    // either, but goemu zeroes them so every run and every diagram starts from the same bytes.
    std::vector<uint8_t> zeros(size, 0);
    memory_.Poke(lo, zeros.data(), zeros.size());
  } else if (!memory_.FindRegion(lo)) {
    // A freed large stack was unmapped; map it again at the same place.
    Map(lo, size, fmt::format("goroutine stack ({})", SizeName(size)));
  }
  stack_sizes_.push_back(size);
  return StackBounds{lo, lo + size};
}

void GuestArena::FreeStack(StackBounds stack) {
  const uint64_t size = stack.hi - stack.lo;
  if (!IsPowerOfTwo(size) || size < 2048) return;
  if (size >= kStackPoolSpan) memory_.Unmap(stack.lo, size);
  free_stacks_[size].push_back(stack.lo);
}

std::optional<uint64_t> GuestArena::AllocHeap(uint64_t size) {
  const uint64_t align = size >= 16 ? 16 : 8;
  const uint64_t need = std::max<uint64_t>(size, 1);
  uint64_t at = AlignUp(heap_cursor_, align);
  if (heap_cursor_ == 0 || at + need > heap_end_) {
    const uint64_t span_size = AlignUp(std::max(need, kHeapSpan), kSpanAlign);
    auto span = NewSpan(span_size, kSpanAlign, "heap arena");
    if (!span) return std::nullopt;
    at = *span;
    heap_end_ = *span + span_size;
  }
  heap_cursor_ = at + need;
  return at;  // fresh span memory is zero and is never handed out twice
}

}  // namespace goemu::rt
