#include "emulator/decode_cache.h"

namespace goemu::emu {

namespace {
constexpr size_t kMaxInsnLength = 15;
}

DecodeCache::DecodeCache(Memory& memory) : memory_(memory) {
  memory_.SetCodeWriteListener([this](uint64_t page_base) { Invalidate(page_base); });
}

DecodeCache::~DecodeCache() { memory_.SetCodeWriteListener(nullptr); }

const DecodedInsn& DecodeCache::Miss(uint64_t pc) {
  ++misses_;
  dropped_.clear();
  uint8_t bytes[kMaxInsnLength];
  const size_t got = memory_.Fetch(pc, bytes, kMaxInsnLength);  // throws if pc is not executable
  DecodedInsn insn;
  switch (decoder_.Decode(pc, bytes, got, insn)) {
    case DecodeStatus::kOk: break;
    case DecodeStatus::kTruncated: {
      // The instruction needs bytes from a page that cannot be fetched:
      // report the fetch fault at that page.
      const uint64_t bad = memory_.FirstUnfetchable(pc, kMaxInsnLength);
      memory_.Fetch(bad, bytes, 1);
      throw MemoryFault{FaultKind::kUnmappedExecute, bad};
    }
    case DecodeStatus::kInvalid:
      insn = DecodedInsn{};
      insn.exec = &ExecInvalidOpcode;
      insn.length = 1;
      break;
  }
  const uint64_t base = pc & ~kPageMask;
  auto& page = pages_[base];
  if (!page) {
    page = std::make_unique<PageCache>();
    memory_.MarkCodePage(base);
  }
  const uint64_t last = pc + insn.length - 1;
  if ((last & ~kPageMask) != base) {
    page->spills_into_next = true;
    memory_.MarkCodePage(last & ~kPageMask);
  }
  page->slots[pc & kPageMask] = static_cast<int32_t>(page->insns.size());
  page->insns.push_back(insn);
  front_base_ = base;
  front_ = page.get();
  return page->insns.back();
}

void DecodeCache::Drop(uint64_t page_base) {
  auto it = pages_.find(page_base);
  if (it == pages_.end()) return;
  dropped_.push_back(std::move(it->second));
  pages_.erase(it);
  if (front_base_ == page_base) {
    front_base_ = ~0ull;
    front_ = nullptr;
  }
}

void DecodeCache::Invalidate(uint64_t page_base) {
  // An instruction that starts on the previous page may end on this one.
  auto prev = pages_.find(page_base - kPageSize);
  if (prev != pages_.end() && prev->second->spills_into_next) Drop(page_base - kPageSize);
  Drop(page_base);
}

std::string DecodeCache::Format(uint64_t pc) const {
  uint8_t bytes[kMaxInsnLength];
  size_t got = 0;
  while (got < kMaxInsnLength && memory_.Peek(pc + got, bytes + got, 1)) ++got;
  return decoder_.Format(pc, bytes, got);
}

}  // namespace goemu::emu
