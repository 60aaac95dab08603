#include "trace/frame_tracer.h"

#include <catch2/catch.hpp>

#include "tests/trace/programs.h"
#include "tests/trace/recording_sink.h"
#include "tests/trace/test_program.h"

namespace goemu::trace {
namespace {

using testing::Recorded;
using testing::RecordingSink;
using testing::TestProgram;

// Runs p under a FrameTracer until `symbol`'s instruction starting with `text` is next.
struct Traced {
  explicit Traced(std::string_view source) : p(source), sink(*p.code) {}
  void Attach() {
    tracer = std::make_unique<FrameTracer>(*p.code, view, p.memory, sink);
    tracer->Start(p.machine);
    p.machine.SetObserver(tracer.get());
  }
  TestProgram p;
  RuntimeView view;
  RecordingSink sink;
  std::unique_ptr<FrameTracer> tracer;
};

std::string Describe(const std::vector<Recorded>& events) {
  std::string s;
  for (const Recorded& r : events) {
    s += fmt::format("{} {}->{} d{} {}\n", EventName(r.kind), r.from, r.to, r.depth, r.stack);
  }
  return s;
}

TEST_CASE("calls and returns are frames pushed and popped", "[tracer]") {
  Traced t(testing::kCallsProgram);
  t.Attach();
  t.p.RunToInsn("main.main", "RET");
  const auto& ev = t.sink.events;
  INFO(Describe(ev));
  REQUIRE(ev.size() == 4);
  CHECK(ev[0].kind == EventKind::kCall);
  CHECK(ev[0].from == "main.main");
  CHECK(ev[0].to == "main.mid");
  CHECK(ev[0].depth == 2);
  CHECK(ev[0].site == t.p.InsnAddr("main.main", "CALL"));
  CHECK(ev[0].pc == t.p.InsnAddr("main.main", "CALL"));
  CHECK(ev[1].kind == EventKind::kCall);
  CHECK(ev[1].to == "main.leaf");
  CHECK(ev[1].depth == 3);
  CHECK(ev[2].kind == EventKind::kReturn);
  CHECK(ev[2].from == "main.leaf");
  CHECK(ev[2].to == "main.mid");
  CHECK(ev[2].site == t.p.InsnAddr("main.mid", "PUSHQ"));
  CHECK(ev[2].depth == 2);
  CHECK(ev[3].kind == EventKind::kReturn);
  CHECK(ev[3].from == "main.mid");
  CHECK(ev[3].depth == 1);
  CHECK(ev[0].stack == "stack");  // no g: the memory region names the stack
  CHECK(t.tracer->frames().size() == 1);
}

TEST_CASE("jmpdefer: retaddr-rewrite by -5, then the deferred call from the CALL deferreturn site",
          "[tracer]") {
  Traced t(testing::kDeferProgram);
  t.Attach();
  const uint64_t main_entry = t.p.sp();
  t.p.RunToInsn("main.main", "RET");
  const auto& ev = t.sink.events;
  INFO(Describe(ev));
  const uint64_t call_site = t.p.InsnAddr("main.main", "CALL");
  const uint64_t after_call = t.p.InsnAddr("main.main", "MOVQ $1");
  const auto rewrites = t.sink.Of(EventKind::kRetaddrRewrite);
  REQUIRE(rewrites.size() == 3);
  uint32_t first_deferreturn_depth = 0;
  uint32_t max_depth = 0;
  bool in_defers = false;
  for (size_t i = 0; i < ev.size(); ++i) {
    const Recorded& r = ev[i];
    if (r.kind == EventKind::kCall && r.to == "main.deferreturn" && first_deferreturn_depth == 0) {
      first_deferreturn_depth = r.depth;
      in_defers = true;
    }
    if (in_defers) max_depth = std::max(max_depth, r.depth);
    if (r.kind != EventKind::kRetaddrRewrite) continue;
    CHECK(static_cast<int64_t>(r.new_value - r.old_value) == -5);
    CHECK(r.old_value == after_call);
    CHECK(r.new_value == call_site);
    CHECK(r.slot == main_entry - 24 - 8);  // below main's 24-byte frame: where its CALL pushed
    REQUIRE(i + 1 < ev.size());
    CHECK(ev[i + 1].kind == EventKind::kCall);
    CHECK(ev[i + 1].from == "main.main");
    CHECK(ev[i + 1].to == "main.deferred");
    CHECK(ev[i + 1].site == call_site);
    CHECK(ev[i + 1].depth == 2);
  }
  CHECK(first_deferreturn_depth == 2);
  CHECK(max_depth <= first_deferreturn_depth + 1);
  // Each cycle: jmpdefer drops deferreturn's frame (a return to main), no tail-jump.
  CHECK(t.sink.Of(EventKind::kTailJump).empty());
  CHECK(t.sink.Of(EventKind::kCall).size() == 4 + 3 + 3);  // deferreturn x4, jmpdefer x3, deferred x3
  CHECK(t.tracer->frames().size() == 1);
}

TEST_CASE("stack switches name the owning g; g-switch follows the TLS slot", "[tracer]") {
  Traced t(testing::kSwitchProgram);
  t.p.InstallFakeRuntime(true);
  t.Attach();
  t.p.RunToInsn("main.main", "MOVQ $1");
  const auto& ev = t.sink.events;
  INFO(Describe(ev));
  const auto switches = t.sink.Of(EventKind::kStackSwitch);
  REQUIRE(switches.size() == 4);
  CHECK(switches[0].from_stack == "g0");
  CHECK(switches[0].stack == "g1");
  CHECK(switches[0].goid == 1);
  CHECK(switches[0].depth == 2);  // switcher on g1's stack, over the fake mstart
  CHECK(switches[1].from_stack == "g1");
  CHECK(switches[1].stack == "g0");
  CHECK(switches[1].depth == 2);  // back in switcher on main's stack
  const auto gswitches = t.sink.Of(EventKind::kGSwitch);
  REQUIRE(gswitches.size() == 4);
  CHECK(gswitches[0].old_goid == 0);
  CHECK(gswitches[0].goid == 1);
  CHECK(gswitches[1].old_goid == 1);
  CHECK(gswitches[1].goid == 0);
  const auto calls = t.sink.Of(EventKind::kCall);
  REQUIRE(calls.size() == 4);
  CHECK(calls[1].to == "main.fn");
  CHECK(calls[1].from == "main.switcher");
  CHECK(calls[1].stack == "g1");
  CHECK(calls[1].depth == 3);
  CHECK(t.sink.Of(EventKind::kStackGrow).empty());
}

TEST_CASE("a g that comes back to a stack with new bounds reports stack-grow", "[tracer]") {
  Traced t(testing::kSwitchProgram);
  t.p.InstallFakeRuntime(true);
  t.Attach();
  // Between the two switches, "copy" g1's stack: the second half of the alternate region.
  const uint64_t new_lo = testing::kAltStackBase + 0x1000;
  const uint64_t new_hi = testing::kAltStackBase + 0x2000;
  const uint64_t old_lo = testing::kAltStackBase;
  const RuntimeLayout layout;
  const uint64_t second_call = t.p.InsnAddr("main.main", "CALL") + 5;
  t.p.RunTo("main.main", second_call - t.p.Addr("main.main"));
  REQUIRE(t.sink.Of(EventKind::kStackSwitch).size() == 2);
  t.p.Poke64(t.p.Addr("main.g1") + layout.g_stack_lo, new_lo);
  t.p.Poke64(t.p.Addr("main.g1") + layout.g_stack_hi, new_hi);
  t.p.Poke64(t.p.Addr("main.altsp"), new_hi - 0x100);
  t.p.RunToInsn("main.main", "MOVQ $1");
  const auto grows = t.sink.Of(EventKind::kStackGrow);
  INFO(Describe(t.sink.events));
  REQUIRE(grows.size() == 1);
  CHECK(grows[0].old_bounds == StackBounds{old_lo, old_lo + 0x2000});
  CHECK(grows[0].new_bounds == StackBounds{new_lo, new_hi});
  CHECK(grows[0].stack == "g1");
  CHECK(grows[0].depth == 3);  // reported once fn is entered on the moved stack
}

TEST_CASE("tracing does not change what the program computes", "[tracer]") {
  TestProgram plain(testing::kDeferProgram);
  plain.RunToInsn("main.main", "RET");
  Traced t(testing::kDeferProgram);
  t.Attach();
  t.p.RunToInsn("main.main", "RET");
  CHECK(t.p.machine.cpu().gpr == plain.machine.cpu().gpr);
  CHECK(t.p.machine.retired() == plain.machine.retired());
  CHECK(t.p.Read64(t.p.Addr("main.count")) == 0);
}

}  // namespace
}  // namespace goemu::trace
