// A flat, read-only index of the linked image's code, shaped for the tracer's hot path:
// pc -> (function, SP delta at that pc) by one binary search over a compact array, plus the
// per-function facts frames need (top-of-stack marker, BP slot, argument names).
//
// Built once from an isa::Image; holds a reference to it, so the image must outlive the index.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "isa/assembler.h"

namespace goemu::trace {

inline constexpr uint32_t kNoFunc = UINT32_MAX;

// Where a pc sits: which function (index into Image::symbols) and the SP delta the
// assembler computed for the instruction starting there (entry SP = SP + sp_delta).
struct PcInfo {
  uint32_t func = kNoFunc;
  int32_t sp_delta = 0;
  bool boundary = false;  // pc starts an instruction (return addresses always do)
};

// One named argument slot of a function, as the assembler saw it: `name+off(FP)`.
struct ArgSlot {
  std::string name;
  int64_t off = 0;  // from FP (= entry SP + 8)
};

class CodeIndex {
 public:
  explicit CodeIndex(const isa::Image& image);

  // The tracer looks up several pcs per event, mostly the same few: a direct-mapped cache
  // answers those before the binary search.
  PcInfo Lookup(uint64_t pc) const {
    CachedPc& slot = cache_[(pc ^ (pc >> kCacheBits)) & (kCacheSize - 1)];
    if (slot.pc != pc) [[unlikely]] slot = CachedPc{pc, Search(pc)};
    return slot.info;
  }
  const isa::Image& image() const { return image_; }

  std::string_view FuncName(uint32_t func) const;
  uint64_t FuncAddr(uint32_t func) const { return image_.symbols[func].addr; }
  uint64_t FuncEnd(uint32_t func) const { return image_.symbols[func].addr + image_.symbols[func].symbol.size; }
  int64_t FrameSize(uint32_t func) const { return image_.symbols[func].symbol.frame; }
  int64_t ArgsSize(uint32_t func) const;  // 0 when the TEXT line gave none
  // Functions unwinding stops at, as Go's traceback does (goexit, mstart, rt0_go and
  // anything flagged TOPFRAME).
  bool IsTopFrame(uint32_t func) const { return top_[func]; }
  // The prologue saved the caller's BP at entry SP - 8.
  bool HasBpSlot(uint32_t func) const { return bp_slot_[func]; }
  // Argument slots named by `name+off(FP)` operands, sorted by offset, deduplicated.
  std::vector<ArgSlot> ArgSlots(uint32_t func) const;
  // The instruction starting at pc, or nullptr.
  const isa::Instruction* InsnAt(uint64_t pc) const;
  // Whether some conditional branch (Jcc, JCXZ, LOOP) targets another function. When none
  // does, conditional branches never change frames and the tracer can ignore them.
  bool CondBranchLeavesFunction() const { return cond_branch_out_; }

  // "main.main+75"; a bare hex address when pc is outside every function.
  void AppendSymbolized(fmt::memory_buffer& out, uint64_t pc) const;
  // The same written at p (event_format.h's Put*), taking at most SymbolizedBound() bytes.
  char* PutSymbolized(char* p, uint64_t pc) const;
  size_t SymbolizedBound() const { return max_name_ + 21; }  // name, '+', 20 digits
  std::string Symbolize(uint64_t pc) const;

 private:
  struct Entry {
    uint64_t addr;
    uint32_t func;
    int32_t sp_delta;
  };
  // An empty slot's pc, ~0, has no function: its PcInfo{} is the right answer.
  struct CachedPc {
    uint64_t pc = ~uint64_t{0};
    PcInfo info;
  };
  static constexpr int kCacheBits = 10;
  static constexpr size_t kCacheSize = size_t{1} << kCacheBits;
  PcInfo Search(uint64_t pc) const;

  const isa::Image& image_;
  std::vector<Entry> entries_;  // every instruction with bytes, by address
  mutable std::unique_ptr<CachedPc[]> cache_;
  std::vector<bool> top_;
  std::vector<bool> bp_slot_;
  size_t max_name_ = 1;  // the longest function name ("?" for none)
  bool cond_branch_out_ = false;
};

}  // namespace goemu::trace
