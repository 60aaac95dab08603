// Calls and returns repeat: the same functions and call sites, spelled the same way, event
// after event. A writer formats the part of a line that depends only on those once and
// copies it afterwards: this cache keeps that text by the event fields it is made of.
// Direct-mapped; a colliding key replaces the slot.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>

#include "trace/event.h"

namespace goemu::trace {

// The fields of a call, return or tail-jump that name code.
struct FlowKey {
  uint64_t pc = 0, next_pc = 0, site = 0;
  uint32_t from_func = kNoFunc, to_func = kNoFunc;
  EventKind kind = EventKind::kCall;
  static FlowKey Of(const Event& e) { return FlowKey{e.pc, e.next_pc, e.site, e.from_func, e.to_func, e.kind}; }
  bool operator==(const FlowKey&) const = default;
};

class FlowTextCache {
 public:
  // Text is copied in chunks of this size: a copy writes up to kChunk - 1 bytes past its
  // end, which the writer must have reserved (and overwrites with what follows).
  static constexpr size_t kChunk = 32;
  static constexpr size_t kMaxText = 224;  // longer text is not kept

  struct Slot {
    FlowKey key;
    uint16_t size = 0;  // 0: empty
    uint16_t split = 0;  // a writer that keeps two pieces in one slot: where the second starts
    char text[kMaxText + kChunk];
    bool Holds(const FlowKey& k) const { return size != 0 && key == k; }
    // Keeps [a, a_end) then [b, b_end), when they fit.
    void Keep(const FlowKey& k, const char* a, const char* a_end, const char* b = nullptr, const char* b_end = nullptr) {
      const size_t first = static_cast<size_t>(a_end - a), second = static_cast<size_t>(b_end - b);
      if (first + second > kMaxText) return;
      key = k;
      std::memcpy(text, a, first);
      if (second != 0) std::memcpy(text + first, b, second);
      split = static_cast<uint16_t>(first);
      size = static_cast<uint16_t>(first + second);
    }
    // Copies text[from, to) to p (and up to kChunk - 1 bytes beyond); returns p + to - from.
    char* Put(char* p, size_t from, size_t to) const {
      for (size_t i = from; i < to; i += kChunk) std::memcpy(p + (i - from), text + i, kChunk);
      return p + (to - from);
    }
  };

  FlowTextCache() : slots_(new Slot[kSlots]) {}
  Slot& For(const FlowKey& k) {
    const uint64_t h = (k.pc ^ (k.next_pc << 7) ^ (k.site << 17) ^ static_cast<uint64_t>(k.kind)) * 0x9e3779b97f4a7c15;
    return slots_[h >> (64 - kSlotBits)];
  }

 private:
  static constexpr int kSlotBits = 8;
  static constexpr size_t kSlots = size_t{1} << kSlotBits;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace goemu::trace
