#include "trace/stop_point.h"

#include <catch2/catch.hpp>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"

namespace goemu::trace {
namespace {

TEST_CASE("stop points: steps, symbols with offsets, events with ordinals", "[stop-point]") {
  testing::TestProgram p(testing::kDeferProgram);
  const isa::Image& image = p.image;

  auto step = ParseStopPoint("1074", image);
  REQUIRE(step.point);
  CHECK(step.point->kind == StopPoint::Kind::kStep);
  CHECK(step.point->step == 1074);

  auto sym = ParseStopPoint("main.jmpdefer", image);
  REQUIRE(sym.point);
  CHECK(sym.point->kind == StopPoint::Kind::kAddress);
  CHECK(sym.point->address == p.Addr("main.jmpdefer"));
  const uint64_t subq = p.InsnAddr("main.jmpdefer", "SUBQ");
  auto off = ParseStopPoint(fmt::format("main\u00b7jmpdefer+{}", subq - p.Addr("main.jmpdefer")), image);
  REQUIRE(off.point);
  CHECK(off.point->address == subq);
  CHECK(ParseStopPoint(fmt::format("main.jmpdefer+{:#x}", subq - p.Addr("main.jmpdefer")), image).point->address ==
        subq);
  auto dotted = ParseStopPoint("main\u00b7jmpdefer", image);  // a middle dot, no offset
  REQUIRE(dotted.point);
  CHECK(dotted.point->address == p.Addr("main.jmpdefer"));
  CHECK_THAT(ParseStopPoint("main\u00b7nosuch\u00b7", image).error, Catch::Contains("no such symbol"));
  auto mid = ParseStopPoint(fmt::format("main.jmpdefer+{}", subq - p.Addr("main.jmpdefer") + 1), image);
  CHECK_FALSE(mid.point);
  CHECK_THAT(mid.error, Catch::Contains("does not start an instruction"));

  auto ev = ParseStopPoint("retaddr-rewrite#2", image);
  REQUIRE(ev.point);
  CHECK(ev.point->kind == StopPoint::Kind::kEvent);
  CHECK(ev.point->event == EventKind::kRetaddrRewrite);
  CHECK(ev.point->nth == 2);
  CHECK(ParseStopPoint("stack-grow", image).point->nth == 1);  // the first one
  CHECK(ParseEventPoint("stack-grow").point->nth == 0);        // --diagrams-at: every one

  CHECK_THAT(ParseStopPoint("main.nothere", image).error, Catch::Contains("no such symbol"));
  CHECK_THAT(ParseStopPoint("call#0", image).error, Catch::Contains("counts from 1"));
  CHECK_THAT(ParseEventPoint("main.main").error, Catch::Contains("no such event"));
  CHECK_FALSE(ParseStopPoint("", image).point);
}

}  // namespace
}  // namespace goemu::trace
