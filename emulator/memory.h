// Guest memory: a sparse 64-bit address space of 4 KiB pages, each with
// read/write/execute permissions, grouped into named regions ("text",
// "g0 stack", ...) so that diagrams and fault reports can name what they show.
//
// Two access paths:
//  - the interpreter's Read<T>/Write<T>/Fetch, which throw MemoryFault (caught
//    by the machine and turned into a GuestFault value, never escaping it);
//  - tools' Peek/Poke, which ignore permissions and report failure as a bool.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/fault.h"

namespace goemu::emu {

inline constexpr uint64_t kPageSize = 4096;
inline constexpr uint64_t kPageMask = kPageSize - 1;

enum Perm : uint8_t { kPermNone = 0, kPermRead = 1, kPermWrite = 2, kPermExec = 4 };
inline constexpr uint8_t kPermRW = kPermRead | kPermWrite;
inline constexpr uint8_t kPermRX = kPermRead | kPermExec;

// Thrown by the interpreter-facing accessors; carries everything but the pc,
// which the machine fills in when it catches it.
struct MemoryFault {
  FaultKind kind;
  uint64_t address;
};

struct Region {
  uint64_t base;
  uint64_t size;
  uint8_t perms;
  std::string name;
};

class Memory {
 public:
  Memory();
  ~Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  // Maps [base, base+size) zero-filled. base and size must be page multiples
  // and the range must not overlap an existing region. Returns false otherwise.
  bool Map(uint64_t base, uint64_t size, uint8_t perms, std::string name);
  // Unmaps whole pages; the regions covering them shrink or split.
  bool Unmap(uint64_t base, uint64_t size);
  // Changes the permissions of mapped pages (all of the range must be mapped).
  bool Protect(uint64_t base, uint64_t size, uint8_t perms);

  // The region containing addr, if any.
  const Region* FindRegion(uint64_t addr) const;
  const std::vector<Region>& regions() const { return regions_; }
  uint64_t mapped_bytes() const { return pages_.size() * kPageSize; }

  // Interpreter accessors: check permissions, throw MemoryFault.
  template <typename T>
  T Read(uint64_t addr) {
    T value;
    const uint64_t offset = addr & kPageMask;
    if (offset + sizeof(T) <= kPageSize) [[likely]] {
      std::memcpy(&value, PageFor(addr, kPermRead) + offset, sizeof(T));
    } else {
      ReadSlow(addr, &value, sizeof(T));
    }
    return value;
  }
  template <typename T>
  void Write(uint64_t addr, T value) {
    const uint64_t offset = addr & kPageMask;
    if (offset + sizeof(T) <= kPageSize) [[likely]] {
      std::memcpy(PageFor(addr, kPermWrite) + offset, &value, sizeof(T));
    } else {
      WriteSlow(addr, &value, sizeof(T));
    }
  }
  void ReadBytes(uint64_t addr, void* dst, size_t n) { ReadSlow(addr, dst, n); }
  void WriteBytes(uint64_t addr, const void* src, size_t n) { WriteSlow(addr, src, n); }
  // Checks that a write of n bytes at addr would succeed, without writing.
  // Lets an instruction fault before it changes anything.
  void ProbeWrite(uint64_t addr, size_t n);

  // Instruction fetch: copies up to max_len bytes that are mapped executable,
  // stopping at the first page that is not. Throws if not even the first byte is.
  size_t Fetch(uint64_t addr, uint8_t* dst, size_t max_len);
  // Address of the first byte Fetch could not read (for the fault report).
  uint64_t FirstUnfetchable(uint64_t addr, size_t max_len);

  // Tool accessors: ignore permissions; false if any byte is unmapped.
  bool Peek(uint64_t addr, void* dst, size_t n) const;
  bool Poke(uint64_t addr, const void* src, size_t n);
  std::optional<uint64_t> PeekU64(uint64_t addr) const;

  // Pages holding decoded code: a guest write to one calls the listener so
  // cached decodes of that page are dropped (self-modifying code stays correct).
  // Unmap and Protect call it too, so no decode outlives its page or its
  // execute permission.
  void MarkCodePage(uint64_t page_base);
  void SetCodeWriteListener(std::function<void(uint64_t page_base)> listener);

 private:
  struct Page {
    std::unique_ptr<uint8_t[]> bytes;
    uint8_t perms;
    bool holds_code;
  };
  // A direct-mapped cache of recent translations, per access kind.
  struct TlbEntry {
    uint64_t tag = ~0ull;  // page base, or ~0 for empty
    uint8_t* host = nullptr;
  };
  static constexpr size_t kTlbSize = 256;

  uint8_t* PageFor(uint64_t addr, uint8_t need) {
    const uint64_t base = addr & ~kPageMask;
    TlbEntry& entry = tlb_[need == kPermWrite ? 1 : 0][(base >> 12) & (kTlbSize - 1)];
    if (entry.tag == base) [[likely]] return entry.host;
    return PageForSlow(addr, need);
  }
  uint8_t* PageForSlow(uint64_t addr, uint8_t need);
  void ReadSlow(uint64_t addr, void* dst, size_t n);
  void WriteSlow(uint64_t addr, const void* src, size_t n);
  void FlushTlb();
  Page* Lookup(uint64_t addr);
  const Page* Lookup(uint64_t addr) const;
  void RebuildRegionsAfterUnmap(uint64_t base, uint64_t size);
  void DropCodeMark(uint64_t page_base);

  std::unordered_map<uint64_t, Page> pages_;  // keyed by page base
  std::vector<Region> regions_;                // sorted by base
  std::array<std::array<TlbEntry, kTlbSize>, 2> tlb_;  // [0] read, [1] write
  std::function<void(uint64_t)> code_write_listener_;
};

}  // namespace goemu::emu
