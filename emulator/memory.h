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

  // Interpreter accessors: check permissions, throw MemoryFault. The fast
  // path is one TLB compare; everything else (a miss, a page-crossing
  // access, a fault) goes through an out-of-line call.
  template <typename T>
  T Read(uint64_t addr) {
    T value;
    if (TryRead<T>(addr, value)) [[likely]] return value;
    return ReadMiss<T>(addr);
  }
  template <typename T>
  void Write(uint64_t addr, T value) {
    if (TryWrite<T>(addr, value)) [[likely]] return;
    WriteMiss<T>(addr, value);
  }
  // The TLB hit alone: false, with nothing read or written, on anything else.
  // For handlers whose fast variant hands a miss over to their general one.
  template <typename T>
  bool TryRead(uint64_t addr, T& value) const {
    const TlbEntry& entry = TlbSlot(tlb_[0], addr);
    if (entry.tag != LastPage<sizeof(T)>(addr)) return false;
    std::memcpy(&value, reinterpret_cast<const void*>(addr + entry.addend), sizeof(T));
    return true;
  }
  template <typename T>
  bool TryWrite(uint64_t addr, T value) {
    const TlbEntry& entry = TlbSlot(tlb_[1], addr);
    if (entry.tag != LastPage<sizeof(T)>(addr)) return false;
    std::memcpy(reinterpret_cast<void*>(addr + entry.addend), &value, sizeof(T));
    return true;
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
  // Changes whenever a page starts or stops holding decoded code. An instruction's bytes
  // read after it retired stay the bytes in memory while this stays the same: a write to
  // its page either drops the mark (a change) or finds it dropped, and then the page must
  // be decoded again, marked (a change), before the instruction runs again. Lets a tool
  // cache what it derived from code bytes without reading them back.
  uint64_t code_epoch() const { return code_epoch_; }

 private:
  struct Page {
    std::unique_ptr<uint8_t[]> bytes;
    uint8_t perms;
    bool holds_code;
  };
  // A direct-mapped cache of recent translations, per access kind: the host
  // address of a guest byte is its address plus addend.
  struct TlbEntry {
    uint64_t tag = ~0ull;  // page base, or ~0 for empty
    uintptr_t addend = 0;
  };
  static constexpr size_t kTlbSize = 256;
  using Tlb = std::array<TlbEntry, kTlbSize>;

  // An access hits when the entry for addr's page holds the page of its last
  // byte: one that crosses into the next page compares that page with an
  // entry that can only hold addr's (the index is addr's), so it misses.
  static const TlbEntry& TlbSlot(const Tlb& tlb, uint64_t addr) { return tlb[(addr >> 12) & (kTlbSize - 1)]; }
  template <size_t kSize>
  static uint64_t LastPage(uint64_t addr) { return (addr + kSize - 1) & ~kPageMask; }
  template <typename T>
  [[gnu::noinline]] T ReadMiss(uint64_t addr) {
    T value;
    ReadSlow(addr, &value, sizeof(T));
    return value;
  }
  template <typename T>
  [[gnu::noinline]] void WriteMiss(uint64_t addr, T value) {
    WriteSlow(addr, &value, sizeof(T));
  }
  uint8_t* PageFor(uint64_t addr, uint8_t need) {
    const uint64_t base = addr & ~kPageMask;
    const TlbEntry& entry = tlb_[need == kPermWrite ? 1 : 0][(base >> 12) & (kTlbSize - 1)];
    if (entry.tag == base) [[likely]] return reinterpret_cast<uint8_t*>(base + entry.addend);
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
  std::array<Tlb, 2> tlb_;  // [0] read, [1] write
  std::function<void(uint64_t)> code_write_listener_;
  uint64_t code_epoch_ = 0;
};

}  // namespace goemu::emu
