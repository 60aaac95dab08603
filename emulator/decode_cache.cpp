#include "emulator/decode_cache.h"

#include "emulator/machine.h"
#include "emulator/go_idioms.h"
#include "emulator/replicas.h"

#include <algorithm>
#include <memory>
#include <new>

namespace goemu::emu {

namespace {

// Stands in for every instruction of a dropped block (see decode_cache.h).
void ExecRestart(ExecContext&, const DecodedInsn&) { throw BlockRestart{}; }
constexpr Bound kRestart = kThreaded<&ExecRestart>;
constexpr Bound kInvalidOpcode = kThreaded<&ExecInvalidOpcode>;

void SetHandlers(DecodedInsn& insn, Handler& step, const Bound& h) {
  insn.exec = h.exec;
  step = h.step;
}

}  // namespace

DecodeCache::DecodeCache(Memory& memory, uint64_t& link_epoch) : memory_(memory), link_epoch_(link_epoch) {
  memory_.SetCodeWriteListener([this](uint64_t page_base) { Invalidate(page_base); });
  ClearJumpCache();
}

void DecodeCache::ClearJumpCache() {
  // For pc < kJumpSlots, JumpSlot(pc) == pc, so slot i holding i + 1 can never match.
  for (size_t i = 0; i < kJumpSlots; ++i) jump_[i] = JumpEntry{(i + 1) % kJumpSlots, nullptr};
}

DecodeCache::~DecodeCache() { memory_.SetCodeWriteListener(nullptr); }

const Block& DecodeCache::BlockMiss(uint64_t pc) {
  dropped_.clear();  // no block is running now
  dropped_blocks_.clear();
  const uint64_t base = pc & ~kPageMask;
  const uint32_t offset = static_cast<uint32_t>(pc & kPageMask);
  auto page_it = pages_.find(base);
  const Block* block = nullptr;
  if (page_it != pages_.end()) {
    auto it = page_it->second->blocks.find(offset);
    if (it != page_it->second->blocks.end()) block = it->second.get();
  }
  if (block == nullptr) {
    std::unique_ptr<Block> built = Build(pc);  // creates the page's cache
    block = built.get();
    pages_.at(base)->blocks.emplace(offset, std::move(built));
  }
  jump_[JumpSlot(pc)] = JumpEntry{pc, block};
  return *block;
}

std::unique_ptr<Block> DecodeCache::Build(uint64_t pc) {
  auto block = std::make_unique<Block>();
  std::vector<DecodedInsn> insns;
  uint8_t side_exits = 0;  // one link per Jcc (block.h)
  const uint64_t base = pc & ~kPageMask;
  uint64_t low = pc;
  uint64_t high = pc;
  uint64_t at = pc;
  while (true) {
    // Only the first instruction's fetch fault is the block's: a later one
    // faults when (and if) execution gets there, as a block of its own.
    const Decoded* decoded = Get(at, at != pc);
    if (decoded == nullptr || (decoded->insn.block_rule == kBlockAlone && at != pc)) break;
    const DecodedInsn* insn = &decoded->insn;
    insns.push_back(*insn);
    insns.back().exit_ran = static_cast<uint8_t>(insns.size());
    block->steps.push_back(decoded->step);
    block->classes |= insn->classes;
    if (insn->block_rule == kBlockCondBranch) insns.back().exit_index = side_exits++;
    low = std::min(low, at);
    high = std::max(high, at + insn->length);
    at += insn->length;
    bool go_on = insn->block_rule == kBlockContinues || insn->block_rule == kBlockCondBranch;
    if (insn->block_rule == kBlockDirectCall || insn->block_rule == kBlockDirectJump) {
      go_on = (insn->imm & ~kPageMask) == base;
      if (go_on) {
        SetHandlers(insns.back(), block->steps.back(), insn->block_rule == kBlockDirectCall ? kCallThrough : kJumpThrough);
        at = insn->imm;
      }
    }
    if ((insn->classes & observed_) != 0) {
      insns.back().exec = ObservedHandler(insns.back(), block->steps.back(), go_on);
    }
    if (!go_on || (at & ~kPageMask) != base || ((high - 1) & ~kPageMask) != base ||
        insns.size() == kMaxBlockInsns) {
      break;
    }
  }
  // Go's prologues and epilogues, and compares with their Jcc: one handler each (go_idioms.h).
  for (size_t i = 0; i < insns.size(); ++i) {
    if (const Handler fused = GoIdiomAt(&insns[i], insns.size() - i)) insns[i].exec = fused;
  }
  // The busiest handlers' copies, each record's picked by the handler it goes on to
  // (replicas.h): from the last record back, so that the handler it goes on to is final.
  for (size_t i = insns.size(); i-- > 0;) {
    if (MoveReplica(insns[i].exec, 0) == nullptr) continue;
    const Handler next = i + 1 < insns.size() ? insns[i + 1].exec : &BlockEnd;
    ReplicaDeal& deal = replica_deals_[insns[i].exec];
    const auto [it, fresh] = deal.by_next.try_emplace(next, deal.dealt % kReplicas);
    deal.dealt += fresh ? 1 : 0;
    insns[i].exec = MoveReplica(insns[i].exec, it->second);
  }
  block->end_pc = at;
  block->low_pc = low;
  block->span = high - low;
  block->count = static_cast<uint32_t>(insns.size());
  DecodedInsn& end = insns.emplace_back();
  end.exec = &BlockEnd;
  end.pc = at;
  end.exit_ran = static_cast<uint8_t>(block->count);
  // The side exits' links, the records, the end's links (block.h's layout).
  const size_t before = side_exits * sizeof(BlockLink);
  const size_t records_size = insns.size() * sizeof(DecodedInsn);
  block->storage = std::make_unique<std::byte[]>(before + records_size + kEndLinks * sizeof(BlockLink));
  std::byte* const storage = block->storage.get();
  for (uint8_t i = 0; i < side_exits; ++i) new (storage + i * sizeof(BlockLink)) BlockLink{};
  auto* records = reinterpret_cast<DecodedInsn*>(storage + before);
  std::uninitialized_copy(insns.begin(), insns.end(), records);
  for (uint8_t i = 0; i < kEndLinks; ++i) new (storage + before + records_size + i * sizeof(BlockLink)) BlockLink{};
  block->first = records;
  block->end = records + block->count;
  return block;
}

const DecodeCache::Decoded* DecodeCache::Get(uint64_t pc, bool quiet) {
  auto it = pages_.find(pc & ~kPageMask);
  if (it != pages_.end()) {
    const int32_t slot = it->second->slots[pc & kPageMask];
    if (slot >= 0) return &it->second->insns[static_cast<size_t>(slot)];
  }
  if (!quiet) return &Decode(pc);
  try {
    return &Decode(pc);
  } catch (const MemoryFault&) {
    return nullptr;
  }
}

const DecodeCache::Decoded& DecodeCache::Decode(uint64_t pc) {
  ++misses_;
  uint8_t bytes[kMaxInsnLength];
  const size_t got = memory_.Fetch(pc, bytes, kMaxInsnLength);  // throws if pc is not executable
  Decoded decoded;
  DecodedInsn& insn = decoded.insn;
  switch (decoder_.Decode(pc, bytes, got, insn, decoded.step)) {
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
      SetHandlers(insn, decoded.step, kInvalidOpcode);
      insn.pc = pc;
      insn.length = 1;
      insn.block_rule = kBlockEnds;
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
  page->insns.push_back(decoded);
  return page->insns.back();
}

void DecodeCache::Drop(uint64_t page_base) {
  auto it = pages_.find(page_base);
  if (it == pages_.end()) return;
  for (auto& [offset, block] : it->second->blocks) {
    auto* records = const_cast<DecodedInsn*>(block->first);  // the block's own storage
    for (uint32_t i = 0; i < block->count; ++i) SetHandlers(records[i], block->steps[i], kRestart);
  }
  dropped_.push_back(std::move(it->second));
  pages_.erase(it);
  ClearJumpCache();
  ++link_epoch_;
}

Handler DecodeCache::ObservedHandler(DecodedInsn& insn, Handler step, bool call_through) const {
  if (observer_ == nullptr) return &ObservedThreaded;
  if (observer_->Quiet(insn.pc, insn.length, insn.classes)) {
    const Handler threaded = QuietFormOf(step);
    return threaded != nullptr ? threaded : &QuietThreaded;
  }
  if (step == kRet.step && hooks_.ret != nullptr) return hooks_.ret_handler != nullptr ? hooks_.ret_handler : &ObservedRet;
  uint64_t site = 0;
  if (insn.block_rule == kBlockDirectCall && hooks_.call != nullptr &&
      observer_->DescribeCall(insn.pc, insn.length, insn.imm, site)) {
    insn.disp = static_cast<int64_t>(site);
    if (call_through) return hooks_.call_through != nullptr ? hooks_.call_through : &ObservedCall<true>;
    return hooks_.call_direct != nullptr ? hooks_.call_direct : &ObservedCall<false>;
  }
  return &ObservedThreaded;
}

void DecodeCache::SetObserved(uint32_t classes, const ExecutionObserver* observer, const FlowHooks& hooks) {
  if (classes == observed_ && observer == observer_ && hooks.call == hooks_.call && hooks.ret == hooks_.ret &&
      hooks.observer == hooks_.observer) {
    return;
  }
  observed_ = classes;
  observer_ = observer;
  hooks_ = hooks;
  // The decoded instructions stay: only blocks carry the observed handler. The blocks are
  // kept until the next is built, in case one is running (an observer set from a handler).
  for (auto& [base, page] : pages_) {
    for (auto& [offset, block] : page->blocks) dropped_blocks_.push_back(std::move(block));
    page->blocks.clear();
  }
  ClearJumpCache();
}

void DecodeCache::Invalidate(uint64_t page_base) {
  // An instruction that starts on the previous page may end on this one.
  auto prev = pages_.find(page_base - kPageSize);
  if (prev != pages_.end() && prev->second->spills_into_next) Drop(page_base - kPageSize);
  Drop(page_base);
}

size_t DecodeCache::PeekInsnBytes(uint64_t pc, uint8_t (&bytes)[kMaxInsnLength]) const {
  size_t got = 0;
  while (got < kMaxInsnLength && memory_.Peek(pc + got, bytes + got, 1)) ++got;
  return got;
}

std::string DecodeCache::Format(uint64_t pc) const {
  uint8_t bytes[kMaxInsnLength];
  const size_t got = PeekInsnBytes(pc, bytes);
  return decoder_.Format(pc, bytes, got);
}

RegisterWrites DecodeCache::Writes(uint64_t pc) const {
  uint8_t bytes[kMaxInsnLength];
  const size_t got = PeekInsnBytes(pc, bytes);
  return decoder_.Writes(bytes, got);
}

}  // namespace goemu::emu
