// Decoded-instruction cache keyed by address. Per code page: a slot table
// (page offset -> index of the decoded record) plus the records; a one-entry
// front remembers the last page so straight-line code costs one compare.
//
// A guest store to a page that holds cached code reaches Invalidate through
// Memory's code-write listener; the page's records are dropped (kept alive
// until the next miss, because the instruction doing the store may be one of them).
// The cache installs itself as the Memory's code-write listener, so one
// Memory serves one Machine.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "emulator/decoded_insn.h"
#include "emulator/decoder.h"
#include "emulator/memory.h"

namespace goemu::emu {

class DecodeCache {
 public:
  explicit DecodeCache(Memory& memory);
  ~DecodeCache();

  // The decoded instruction at pc. Throws MemoryFault when pc cannot be
  // fetched (or the instruction runs into a page that cannot).
  const DecodedInsn& Get(uint64_t pc) {
    if ((pc & ~kPageMask) == front_base_) [[likely]] {
      const int32_t slot = front_->slots[pc & kPageMask];
      if (slot >= 0) [[likely]] {
        ++hits_;
        return front_->insns[static_cast<size_t>(slot)];
      }
    }
    return Miss(pc);
  }

  void Invalidate(uint64_t page_base);
  std::string Format(uint64_t pc) const;

  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  struct PageCache {
    PageCache() { slots.fill(-1); }
    std::array<int32_t, kPageSize> slots;
    std::vector<DecodedInsn> insns;
    bool spills_into_next = false;  // an instruction here ends on the next page
  };

  const DecodedInsn& Miss(uint64_t pc);
  void Drop(uint64_t page_base);

  Memory& memory_;
  Decoder decoder_;
  std::unordered_map<uint64_t, std::unique_ptr<PageCache>> pages_;
  std::vector<std::unique_ptr<PageCache>> dropped_;  // freed at the next miss
  uint64_t front_base_ = ~0ull;
  PageCache* front_ = nullptr;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace goemu::emu
