// The arena behind the stackalloc/stackfree/mallocgc services: fixed addresses, Go-like span
// carving, reuse of freed stacks, zeroed memory, a limit.
#include <catch2/catch.hpp>

#include "runtime_model/guest_arena.h"

namespace goemu::rt {
namespace {

TEST_CASE("small stacks come from a 32 KiB pool span, highest first, and are reused LIFO") {
  emu::Memory memory;
  GuestArena arena(memory);
  const auto a = arena.AllocStack(2048);
  const auto b = arena.AllocStack(2048);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->lo == 0xc000007800);
  CHECK(a->hi == 0xc000008000);
  CHECK(b->lo == 0xc000007000);
  CHECK(memory.FindRegion(a->lo)->name == "goroutine stacks (2 KiB each)");
  // A freed stack is the next one handed out, zeroed again.
  const uint64_t junk = 0x1122334455667788;
  memory.Poke(a->lo + 8, &junk, 8);
  arena.FreeStack(*a);
  const auto c = arena.AllocStack(2048);
  REQUIRE(c);
  CHECK(c->lo == a->lo);
  CHECK(memory.PeekU64(c->lo + 8) == 0u);
  // Another size gets its own span, after the first.
  const auto d = arena.AllocStack(4096);
  REQUIRE(d);
  CHECK(d->lo == 0xc000008000 + 32768 - 4096);
  CHECK((arena.stack_sizes() == std::vector<uint64_t>{2048, 2048, 2048, 4096}));
}

TEST_CASE("large stacks get their own size-aligned span, unmapped when freed") {
  emu::Memory memory;
  GuestArena arena(memory);
  REQUIRE(arena.AllocHeap(16));
  const auto big = arena.AllocStack(65536);
  REQUIRE(big);
  CHECK(big->lo % 65536 == 0);
  CHECK(big->lo == 0xc000010000);
  CHECK(memory.FindRegion(big->lo)->name == "goroutine stack (64 KiB)");
  arena.FreeStack(*big);
  CHECK(memory.FindRegion(big->lo) == nullptr);
  const auto again = arena.AllocStack(65536);
  REQUIRE(again);
  CHECK(again->lo == big->lo);
  CHECK(memory.FindRegion(big->lo) != nullptr);
}

TEST_CASE("stack sizes that are not powers of two >= 2048 are refused") {
  emu::Memory memory;
  GuestArena arena(memory);
  CHECK_FALSE(arena.AllocStack(3000));
  CHECK_FALSE(arena.AllocStack(1024));
  CHECK(arena.stack_sizes().empty());
}

TEST_CASE("heap objects are bump-allocated, aligned and zero, in 64 KiB 'heap arena' spans") {
  emu::Memory memory;
  GuestArena arena(memory);
  const auto a = arena.AllocHeap(376);
  const auto b = arena.AllocHeap(4);
  const auto c = arena.AllocHeap(48);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == GuestArena::kBase);
  CHECK(*b == GuestArena::kBase + 376);
  CHECK(*c == GuestArena::kBase + 384);
  CHECK(memory.FindRegion(*a)->name == "heap arena");
  CHECK(memory.PeekU64(*c) == 0u);
  const auto huge = arena.AllocHeap(100000);  // bigger than a span: a span of its own
  REQUIRE(huge);
  CHECK(*huge == GuestArena::kBase + 65536);
}

TEST_CASE("the arena refuses to grow past its limit") {
  emu::Memory memory;
  GuestArena arena(memory);
  CHECK_FALSE(arena.AllocStack(GuestArena::kDefaultMaxMemory * 2));
  CHECK_FALSE(arena.AllocHeap(GuestArena::kDefaultMaxMemory + 1));
  // A lower cap counts every mapped page, the arena's included.
  arena.set_max_memory(memory.mapped_bytes() + 64 * 1024);
  CHECK(arena.AllocStack(65536));
  CHECK_FALSE(arena.AllocStack(2048 * 4));
}

}  // namespace
}  // namespace goemu::rt
