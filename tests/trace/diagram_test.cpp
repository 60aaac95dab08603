#include "trace/diagram.h"

#include <catch2/catch.hpp>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

TEST_CASE("diagram after jmpdefer's SUBQ $5: return address on the CALL, saved BP, main's frame",
          "[diagram]") {
  TestProgram p(testing::kDeferProgram);
  const uint64_t main_entry = p.sp();
  p.RunToInsn("main.jmpdefer", "JMP");
  RuntimeView view;
  const std::string d = RenderAsciiDiagram(*p.code, view, p.machine);
  INFO(d);
  const uint64_t call = p.InsnAddr("main.main", "CALL");
  const uint64_t slot = main_entry - 24 - 8;
  // The slot jmpdefer returns through holds main's CALL deferreturn, symbolized, with its text.
  CHECK_THAT(d, Catch::Contains(fmt::format("  {:#014x} | {:#018x} | ret main.main+{} (CALL main.deferreturn(SB))",
                                            slot, call, call - p.Addr("main.main"))));
  CHECK_THAT(d, Catch::Contains(fmt::format("{:#014x}", slot)));
  // main's saved BP sits right below main's own return slot; BP points at it again.
  CHECK_THAT(d, Catch::Contains(fmt::format("  {:#014x} | {:#018x} | saved BP", main_entry - 8,
                                            p.Read64(main_entry - 8))));
  CHECK_THAT(d, Catch::Contains("<- BP"));
  CHECK_THAT(d, Catch::Contains("-- main.main (frame 24, args 0)"));
  CHECK_THAT(d, Catch::Contains("-- main.jmpdefer (frame 0, args 16)"));
  CHECK_THAT(d, Catch::Contains("argp+8(FP)"));
  CHECK_THAT(d, Catch::Contains("fv+0(FP)"));
  // SP is jmpdefer's entry SP: the row of the rewritten slot carries the SP arrow.
  CHECK(p.sp() == slot);
  const size_t row = d.find(fmt::format("  {:#014x} | {:#018x} | ret", slot, call));
  REQUIRE(row != std::string::npos);
  const std::string line = d.substr(row, d.find('\n', row) - row);
  CHECK_THAT(line, Catch::EndsWith("<- SP"));
}

}  // namespace
}  // namespace goemu::trace
