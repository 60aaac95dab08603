// The constexpr layout view and the consistency of layout.inc itself.
#include <catch2/catch.hpp>

#include <string>

#include "runtime_model/layout.h"

namespace rt = goemu::rt;

// Compile-time view: these are evaluated by the compiler from layout.inc.
static_assert(rt::Offset("g.sched.sp") == 56);
static_assert(rt::Offset("g.sched.bp") == 104);
static_assert(rt::Offset("g.stack.hi") == 8);
static_assert(rt::Offset("m.morebuf.pc") == 16);
static_assert(rt::Offset("m.morebuf.sp") == 8);
static_assert(rt::Offset("m.tls") == 136);
static_assert(rt::Offset("p.gFree.n") == 3568);
static_assert(rt::SizeOf("g") == 376);
static_assert(rt::SizeOf("_defer") == 48);
static_assert(rt::Const("_StackGuard") == 880);
static_assert(rt::Const("stackPreempt") == 0xfffffffffffffadeULL);
static_assert(rt::Const("NOSPLIT") == 4);

TEST_CASE("run-time lookups report unknown names as empty") {
  CHECK(rt::TryOffset("g.sched.sp") == 56u);
  CHECK_FALSE(rt::TryOffset("g.nosuch"));
  CHECK_FALSE(rt::TryOffset("g"));
  CHECK_FALSE(rt::TryOffset("g.sched.sp.x"));  // uintptr is not a struct
  CHECK_FALSE(rt::FindStruct("schedt_x"));
  CHECK_FALSE(rt::FindConst("_StackGuardX"));
  CHECK(rt::FindConst("goemuSvcTraceback")->group == rt::ConstGroup::kService);
}

TEST_CASE("FieldsOf returns one struct's fields in order") {
  auto fields = rt::FieldsOf("gobuf");
  REQUIRE(fields.size() == 7);
  CHECK(fields.front().name == "sp");
  CHECK(fields.back().name == "bp");
  CHECK(fields.back().offset == 48);
  CHECK(rt::FieldsOf("nosuch").empty());
}

TEST_CASE("every field lies inside its struct, in offset order, without overlap") {
  for (const rt::StructInfo& s : rt::kStructs) {
    uint64_t end = 0;
    auto fields = rt::FieldsOf(s.name);
    INFO(std::string(s.name));
    REQUIRE_FALSE(fields.empty());
    for (const rt::FieldInfo& f : fields) {
      INFO(std::string(f.name));
      CHECK(f.offset >= end);
      CHECK(f.offset + f.size <= s.size);
      end = f.offset + f.size;
      if (auto nested = rt::FindStruct(f.type)) CHECK(nested->size == f.size);
    }
  }
  // Every field belongs to a declared struct, and each struct's fields are contiguous.
  size_t counted = 0;
  for (const rt::StructInfo& s : rt::kStructs) counted += rt::FieldsOf(s.name).size();
  CHECK(counted == std::size(rt::kFields));
}

TEST_CASE("service numbers are distinct and above the Linux syscall range") {
  uint64_t previous = 0;
  int services = 0;
  for (const rt::ConstInfo& c : rt::kConsts) {
    if (c.group != rt::ConstGroup::kService) continue;
    INFO(std::string(c.name));
    CHECK(c.value >= 0x10000);
    CHECK(c.value > previous);
    previous = c.value;
    ++services;
  }
  CHECK(services == 7);
}
