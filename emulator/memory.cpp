#include "emulator/memory.h"

#include <algorithm>

namespace goemu::emu {

namespace {
bool PageAligned(uint64_t v) { return (v & kPageMask) == 0; }
}  // namespace

Memory::Memory() { FlushTlb(); }
Memory::~Memory() = default;

bool Memory::Map(uint64_t base, uint64_t size, uint8_t perms, std::string name) {
  if (!PageAligned(base) || !PageAligned(size) || size == 0 || base + size < base) return false;
  for (uint64_t p = base; p < base + size; p += kPageSize) {
    if (pages_.count(p)) return false;
  }
  for (uint64_t p = base; p < base + size; p += kPageSize) {
    Page page{std::make_unique<uint8_t[]>(kPageSize), perms, false};
    std::memset(page.bytes.get(), 0, kPageSize);
    pages_.emplace(p, std::move(page));
  }
  Region region{base, size, perms, std::move(name)};
  regions_.insert(std::upper_bound(regions_.begin(), regions_.end(), region,
                                   [](const Region& a, const Region& b) { return a.base < b.base; }),
                  std::move(region));
  FlushTlb();
  return true;
}

bool Memory::Unmap(uint64_t base, uint64_t size) {
  if (!PageAligned(base) || !PageAligned(size) || base + size < base) return false;
  for (uint64_t p = base; p < base + size; p += kPageSize) {
    DropCodeMark(p);
    pages_.erase(p);
  }
  RebuildRegionsAfterUnmap(base, size);
  FlushTlb();
  return true;
}

void Memory::RebuildRegionsAfterUnmap(uint64_t base, uint64_t size) {
  const uint64_t end = base + size;
  std::vector<Region> kept;
  for (Region& r : regions_) {
    const uint64_t r_end = r.base + r.size;
    if (r_end <= base || r.base >= end) {
      kept.push_back(std::move(r));
      continue;
    }
    if (r.base < base) kept.push_back(Region{r.base, base - r.base, r.perms, r.name});
    if (r_end > end) kept.push_back(Region{end, r_end - end, r.perms, r.name});
  }
  regions_ = std::move(kept);
}

bool Memory::Protect(uint64_t base, uint64_t size, uint8_t perms) {
  if (!PageAligned(base) || !PageAligned(size)) return false;
  for (uint64_t p = base; p < base + size; p += kPageSize) {
    if (!pages_.count(p)) return false;
  }
  for (uint64_t p = base; p < base + size; p += kPageSize) {
    DropCodeMark(p);
    pages_[p].perms = perms;
  }
  for (Region& r : regions_) {
    if (r.base >= base && r.base + r.size <= base + size) r.perms = perms;
  }
  FlushTlb();
  return true;
}

const Region* Memory::FindRegion(uint64_t addr) const {
  auto it = std::upper_bound(regions_.begin(), regions_.end(), addr,
                             [](uint64_t a, const Region& r) { return a < r.base; });
  if (it == regions_.begin()) return nullptr;
  --it;
  return addr - it->base < it->size ? &*it : nullptr;
}

Memory::Page* Memory::Lookup(uint64_t addr) {
  auto it = pages_.find(addr & ~kPageMask);
  return it == pages_.end() ? nullptr : &it->second;
}

const Memory::Page* Memory::Lookup(uint64_t addr) const {
  auto it = pages_.find(addr & ~kPageMask);
  return it == pages_.end() ? nullptr : &it->second;
}

void Memory::FlushTlb() {
  for (auto& table : tlb_) table.fill(TlbEntry{});
}

uint8_t* Memory::PageForSlow(uint64_t addr, uint8_t need) {
  Page* page = Lookup(addr);
  const bool write = need == kPermWrite;
  if (page == nullptr) {
    throw MemoryFault{write ? FaultKind::kUnmappedWrite : FaultKind::kUnmappedRead, addr};
  }
  if ((page->perms & need) == 0) {
    throw MemoryFault{write ? FaultKind::kProtectionWrite : FaultKind::kProtectionRead, addr};
  }
  const uint64_t base = addr & ~kPageMask;
  if (write && page->holds_code) {
    // Not cached for writing: every store must reach the listener.
    page->holds_code = false;
    ++code_epoch_;
    if (code_write_listener_) code_write_listener_(base);
    return page->bytes.get();
  }
  TlbEntry& entry = tlb_[write ? 1 : 0][(base >> 12) & (kTlbSize - 1)];
  entry.tag = base;
  entry.addend = reinterpret_cast<uintptr_t>(page->bytes.get()) - base;
  return page->bytes.get();
}

void Memory::ReadSlow(uint64_t addr, void* dst, size_t n) {
  auto* out = static_cast<uint8_t*>(dst);
  // Check every page first so a fault leaves dst untouched in a defined way.
  for (uint64_t a = addr & ~kPageMask; a < addr + n; a += kPageSize) PageFor(std::max(a, addr), kPermRead);
  while (n > 0) {
    const uint64_t offset = addr & kPageMask;
    const size_t chunk = std::min<size_t>(n, kPageSize - offset);
    std::memcpy(out, PageFor(addr, kPermRead) + offset, chunk);
    out += chunk;
    addr += chunk;
    n -= chunk;
  }
}

void Memory::ProbeWrite(uint64_t addr, size_t n) {
  for (uint64_t a = addr & ~kPageMask; a < addr + n; a += kPageSize) {
    const uint64_t at = std::max(a, addr);
    const Page* page = Lookup(at);
    if (page == nullptr) throw MemoryFault{FaultKind::kUnmappedWrite, at};
    if ((page->perms & kPermWrite) == 0) throw MemoryFault{FaultKind::kProtectionWrite, at};
  }
}

void Memory::WriteSlow(uint64_t addr, const void* src, size_t n) {
  ProbeWrite(addr, n);  // all or nothing: a page-crossing store never half-happens
  const auto* in = static_cast<const uint8_t*>(src);
  while (n > 0) {
    const uint64_t offset = addr & kPageMask;
    const size_t chunk = std::min<size_t>(n, kPageSize - offset);
    std::memcpy(PageFor(addr, kPermWrite) + offset, in, chunk);
    in += chunk;
    addr += chunk;
    n -= chunk;
  }
}

size_t Memory::Fetch(uint64_t addr, uint8_t* dst, size_t max_len) {
  size_t got = 0;
  while (got < max_len) {
    const uint64_t at = addr + got;
    const Page* page = Lookup(at);
    if (page == nullptr || (page->perms & kPermExec) == 0) {
      if (got == 0) {
        throw MemoryFault{page == nullptr ? FaultKind::kUnmappedExecute : FaultKind::kProtectionExecute,
                          at};
      }
      break;
    }
    const uint64_t offset = at & kPageMask;
    const size_t chunk = std::min<size_t>(max_len - got, kPageSize - offset);
    std::memcpy(dst + got, page->bytes.get() + offset, chunk);
    got += chunk;
  }
  return got;
}

uint64_t Memory::FirstUnfetchable(uint64_t addr, size_t max_len) {
  for (size_t i = 0; i < max_len; ++i) {
    const Page* page = Lookup(addr + i);
    if (page == nullptr || (page->perms & kPermExec) == 0) return addr + i;
  }
  return addr + max_len;
}

bool Memory::Peek(uint64_t addr, void* dst, size_t n) const {
  auto* out = static_cast<uint8_t*>(dst);
  while (n > 0) {
    const Page* page = Lookup(addr);
    if (page == nullptr) return false;
    const uint64_t offset = addr & kPageMask;
    const size_t chunk = std::min<size_t>(n, kPageSize - offset);
    std::memcpy(out, page->bytes.get() + offset, chunk);
    out += chunk;
    addr += chunk;
    n -= chunk;
  }
  return true;
}

bool Memory::Poke(uint64_t addr, const void* src, size_t n) {
  for (uint64_t a = addr & ~kPageMask; a < addr + n; a += kPageSize) {
    if (Lookup(a) == nullptr) return false;
  }
  const auto* in = static_cast<const uint8_t*>(src);
  while (n > 0) {
    Page* page = Lookup(addr);
    const uint64_t offset = addr & kPageMask;
    const size_t chunk = std::min<size_t>(n, kPageSize - offset);
    std::memcpy(page->bytes.get() + offset, in, chunk);
    if (page->holds_code) {
      ++code_epoch_;
      if (code_write_listener_) {
        page->holds_code = false;
        code_write_listener_(addr & ~kPageMask);
      }
    }
    in += chunk;
    addr += chunk;
    n -= chunk;
  }
  return true;
}

std::optional<uint64_t> Memory::PeekU64(uint64_t addr) const {
  uint64_t v;
  if (!Peek(addr, &v, sizeof v)) return std::nullopt;
  return v;
}

void Memory::MarkCodePage(uint64_t page_base) {
  Page* page = Lookup(page_base);
  if (page == nullptr || page->holds_code) return;
  page->holds_code = true;
  ++code_epoch_;
  TlbEntry& entry = tlb_[1][(page_base >> 12) & (kTlbSize - 1)];
  if (entry.tag == page_base) entry = TlbEntry{};
}

void Memory::DropCodeMark(uint64_t page_base) {
  Page* page = Lookup(page_base);
  if (page == nullptr || !page->holds_code) return;
  page->holds_code = false;
  ++code_epoch_;
  if (code_write_listener_) code_write_listener_(page_base);
}

void Memory::SetCodeWriteListener(std::function<void(uint64_t)> listener) {
  code_write_listener_ = std::move(listener);
}

}  // namespace goemu::emu
