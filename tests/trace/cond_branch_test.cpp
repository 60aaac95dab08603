#include <catch2/catch.hpp>

#include "tests/trace/programs.h"
#include "tests/trace/recording_sink.h"
#include "tests/trace/test_program.h"
#include "trace/frame_tracer.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

// main calls jumper, which leaves for other with a conditional branch (a tail call by JEQ).
constexpr std::string_view kCondTailProgram = R"(#include "textflag.h"
TEXT main·other(SB), NOSPLIT, $0-0
	RET
TEXT main·jumper(SB), NOSPLIT, $0-0
	CMPQ AX, AX
	JEQ main·other(SB)
	RET
TEXT main·main(SB), NOSPLIT, $8-0
	CALL main·jumper(SB)
	MOVQ $1, AX
	RET
)";

TEST_CASE("conditional branches are watched only when one can leave its function", "[tracer]") {
  TestProgram loops(testing::kDeferProgram);  // its JEQ stays inside deferreturn
  CHECK_FALSE(loops.code->CondBranchLeavesFunction());
  RuntimeView view;
  testing::RecordingSink quiet_sink(*loops.code);
  FrameTracer quiet(*loops.code, view, loops.memory, quiet_sink);
  CHECK((quiet.interest() & emu::kClassCondBranch) == 0);
  CHECK((quiet.interest() & emu::kClassCall) != 0);

  TestProgram p(kCondTailProgram);
  REQUIRE(p.code->CondBranchLeavesFunction());
  testing::RecordingSink sink(*p.code);
  FrameTracer tracer(*p.code, view, p.memory, sink);
  CHECK((tracer.interest() & emu::kClassCondBranch) != 0);
  tracer.Start(p.machine);
  p.machine.SetObserver(&tracer);
  p.RunToInsn("main.main", "MOVQ $1");
  const auto jumps = sink.Of(EventKind::kTailJump);
  REQUIRE(jumps.size() == 1);
  CHECK(jumps[0].from == "main.jumper");
  CHECK(jumps[0].to == "main.other");
  CHECK(jumps[0].pc == p.InsnAddr("main.jumper", "JEQ"));
  const auto returns = sink.Of(EventKind::kReturn);
  REQUIRE(returns.size() == 1);
  CHECK(returns[0].from == "main.other");
}

}  // namespace
}  // namespace goemu::trace
