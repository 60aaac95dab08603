#include <catch2/catch.hpp>

#include "emulator/memory.h"

using namespace goemu::emu;

TEST_CASE("memory: mapped pages read back what was written, zero-filled first") {
  Memory mem;
  REQUIRE(mem.Map(0x10000, 2 * kPageSize, kPermRW, "data"));
  CHECK(mem.Read<uint64_t>(0x10008) == 0);
  mem.Write<uint64_t>(0x10008, 0x1122334455667788ull);
  CHECK(mem.Read<uint32_t>(0x1000c) == 0x11223344u);
  CHECK(mem.Read<uint8_t>(0x10008) == 0x88);
}

TEST_CASE("memory: unaligned and page-crossing accesses of every size") {
  Memory mem;
  REQUIRE(mem.Map(0x20000, 2 * kPageSize, kPermRW, "data"));
  const uint64_t cross = 0x20000 + kPageSize - 3;
  mem.Write<uint64_t>(cross, 0x0807060504030201ull);
  CHECK(mem.Read<uint64_t>(cross) == 0x0807060504030201ull);
  CHECK(mem.Read<uint16_t>(cross + 2) == 0x0403);
  CHECK(mem.Read<uint32_t>(cross + 1) == 0x05040302u);
  uint8_t wide[16];
  for (int i = 0; i < 16; ++i) wide[i] = static_cast<uint8_t>(0xa0 + i);
  mem.WriteBytes(cross - 5, wide, 16);
  uint8_t back[16] = {};
  mem.ReadBytes(cross - 5, back, 16);
  CHECK(std::equal(std::begin(wide), std::end(wide), std::begin(back)));
}

TEST_CASE("memory: faults name the kind and the first bad address") {
  Memory mem;
  REQUIRE(mem.Map(0x30000, kPageSize, kPermRead | kPermExec, "text"));
  try {
    mem.Write<uint32_t>(0x30010, 1);
    FAIL("write to text did not fault");
  } catch (const MemoryFault& f) {
    CHECK(f.kind == FaultKind::kProtectionWrite);
    CHECK(f.address == 0x30010);
  }
  try {
    mem.Read<uint64_t>(0x30000 + kPageSize - 4);  // crosses into unmapped page
    FAIL("page-crossing read did not fault");
  } catch (const MemoryFault& f) {
    CHECK(f.kind == FaultKind::kUnmappedRead);
    CHECK(f.address == 0x30000 + kPageSize);
  }
}

TEST_CASE("memory: a page-crossing store that faults writes nothing") {
  Memory mem;
  REQUIRE(mem.Map(0x40000, kPageSize, kPermRW, "data"));
  REQUIRE(mem.Map(0x41000, kPageSize, kPermRead, "rodata"));
  CHECK_THROWS_AS(mem.Write<uint64_t>(0x41000 - 4, ~0ull), MemoryFault);
  CHECK(mem.Read<uint32_t>(0x41000 - 4) == 0);
}

TEST_CASE("memory: regions are named and split by unmap") {
  Memory mem;
  REQUIRE(mem.Map(0x50000, 4 * kPageSize, kPermRW, "g0 stack"));
  REQUIRE_FALSE(mem.Map(0x51000, kPageSize, kPermRW, "overlap"));
  REQUIRE(mem.FindRegion(0x52345) != nullptr);
  CHECK(mem.FindRegion(0x52345)->name == "g0 stack");
  REQUIRE(mem.Unmap(0x51000, kPageSize));
  CHECK(mem.FindRegion(0x51000) == nullptr);
  CHECK(mem.regions().size() == 2);
  CHECK(mem.FindRegion(0x53fff)->base == 0x52000);
}

TEST_CASE("memory: a write to a page holding code notifies the decode cache") {
  Memory mem;
  REQUIRE(mem.Map(0x60000, kPageSize, kPermRW | kPermExec, "jit"));
  uint64_t notified = 0;
  mem.SetCodeWriteListener([&](uint64_t page) { notified = page; });
  mem.Write<uint8_t>(0x60010, 0x90);  // not code yet: no notification
  CHECK(notified == 0);
  mem.MarkCodePage(0x60000);
  mem.Write<uint8_t>(0x60011, 0x90);
  CHECK(notified == 0x60000);
}

TEST_CASE("memory: the code epoch changes with every change to a page holding code") {
  Memory mem;
  REQUIRE(mem.Map(0x60000, 2 * kPageSize, kPermRW | kPermExec, "jit"));
  mem.SetCodeWriteListener([](uint64_t) {});
  uint64_t epoch = mem.code_epoch();
  mem.Write<uint8_t>(0x60010, 0x90);  // not code: no change
  CHECK(mem.code_epoch() == epoch);
  mem.MarkCodePage(0x60000);  // holds code now
  CHECK(mem.code_epoch() == ++epoch);
  mem.MarkCodePage(0x60000);  // already did
  CHECK(mem.code_epoch() == epoch);
  mem.Write<uint8_t>(0x60011, 0x90);  // a write to code drops the mark
  CHECK(mem.code_epoch() == ++epoch);
  mem.Write<uint8_t>(0x60012, 0x90);  // not code any more until decoded again
  CHECK(mem.code_epoch() == epoch);
  mem.MarkCodePage(0x60000);
  const uint8_t nop = 0x90;
  REQUIRE(mem.Poke(0x60013, &nop, 1));  // a tool's write too
  CHECK(mem.code_epoch() == epoch + 2);
  mem.MarkCodePage(0x61000);
  REQUIRE(mem.Unmap(0x61000, kPageSize));  // and unmapping
  CHECK(mem.code_epoch() == epoch + 4);
}

TEST_CASE("memory: fetch stops at the first non-executable page") {
  Memory mem;
  REQUIRE(mem.Map(0x70000, kPageSize, kPermRX, "text"));
  REQUIRE(mem.Map(0x71000, kPageSize, kPermRW, "data"));
  uint8_t buf[15];
  CHECK(mem.Fetch(0x71000 - 4, buf, 15) == 4);
  CHECK_THROWS_AS(mem.Fetch(0x71000, buf, 15), MemoryFault);
  CHECK(mem.FirstUnfetchable(0x71000 - 4, 15) == 0x71000);
}

// The TLB answers an access from one entry (memory.h): a page-crossing access
// must miss even when the page it starts on is cached, for reads and writes.
TEST_CASE("memory: page-crossing accesses bypass a warm TLB entry") {
  Memory mem;
  REQUIRE(mem.Map(0x40000, 2 * kPageSize, kPermRW, "data"));
  REQUIRE(mem.Map(0x50000, kPageSize, kPermRW, "alone"));
  mem.Write<uint64_t>(0x40000, 1);  // warm both TLBs for the first page of each
  CHECK(mem.Read<uint64_t>(0x40000) == 1);
  mem.Write<uint64_t>(0x50000, 2);
  CHECK(mem.Read<uint64_t>(0x50000) == 2);
  const uint64_t cross = 0x40000 + kPageSize - 2;
  mem.Write<uint32_t>(cross, 0xddccbbaa);
  CHECK(mem.Read<uint16_t>(0x40000 + kPageSize) == 0xddcc);  // the upper half is on the next page
  CHECK(mem.Read<uint32_t>(cross) == 0xddccbbaau);
  try {
    mem.Read<uint32_t>(0x50000 + kPageSize - 2);
    FAIL("page-crossing read from a cached page did not fault");
  } catch (const MemoryFault& f) {
    CHECK(f.kind == FaultKind::kUnmappedRead);
    CHECK(f.address == 0x50000 + kPageSize);
  }
  try {
    mem.Write<uint64_t>(0x50000 + kPageSize - 1, ~0ull);
    FAIL("page-crossing write from a cached page did not fault");
  } catch (const MemoryFault& f) {
    CHECK(f.kind == FaultKind::kUnmappedWrite);
  }
  CHECK(mem.Read<uint8_t>(0x50000 + kPageSize - 1) == 0);  // nothing written
}
