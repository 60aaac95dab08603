#include "trace/unwinder.h"

#include <catch2/catch.hpp>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

const StackBounds kStack{testing::kStackBase, testing::kStackTop};

TEST_CASE("unwinding at a leaf's entry walks every return slot to main", "[unwinder]") {
  TestProgram p(testing::kCallsProgram);
  const uint64_t main_entry = p.sp();
  p.RunTo("main.leaf");
  Unwinder unwinder(*p.code, p.memory);
  UnwindEnd end;
  auto frames = unwinder.Unwind(p.pc(), p.sp(), kStack, 100, &end);
  REQUIRE(frames.size() == 3);
  CHECK(end == UnwindEnd::kUnknownPc);  // main's return address is 0
  // main's emitted frame is 24 (16 + BP slot), mid's 32 (24 + BP slot); each CALL pushes 8.
  const uint64_t mid_entry = main_entry - 24 - 8;
  const uint64_t leaf_entry = mid_entry - 32 - 8;
  CHECK(p.sp() == leaf_entry);
  CHECK(p.code->FuncName(frames[0].func) == "main.leaf");
  CHECK(frames[0].entry_sp == leaf_entry);
  CHECK(frames[0].pc == p.Addr("main.leaf"));
  CHECK(p.code->FuncName(frames[1].func) == "main.mid");
  CHECK(frames[1].entry_sp == mid_entry);
  CHECK(frames[1].pc == p.InsnAddr("main.mid", "PUSHQ"));
  CHECK(p.code->FuncName(frames[2].func) == "main.main");
  CHECK(frames[2].entry_sp == main_entry);
  CHECK(frames[2].pc == p.InsnAddr("main.main", "MOVQ $1"));
  CHECK(p.code->Symbolize(frames[2].pc) == fmt::format("main.main+{}", frames[2].pc - p.Addr("main.main")));
}

TEST_CASE("unwinding inside a PUSHQ/POPQ pair uses the pushed SP delta", "[unwinder]") {
  TestProgram p(testing::kCallsProgram);
  const uint64_t main_entry = p.sp();
  p.RunToInsn("main.mid", "POPQ");
  Unwinder unwinder(*p.code, p.memory);
  auto frames = unwinder.Unwind(p.pc(), p.sp(), kStack);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].entry_sp == main_entry - 32);
  CHECK(p.sp() == main_entry - 32 - 32 - 8);  // frame + the pushed word
  CHECK(frames[1].entry_sp == main_entry);
}

TEST_CASE("after jmpdefer's SUBQ $5 the return address is main's CALL deferreturn", "[unwinder]") {
  TestProgram p(testing::kDeferProgram);
  const uint64_t main_entry = p.sp();
  p.RunToInsn("main.jmpdefer", "JMP");
  Unwinder unwinder(*p.code, p.memory);
  auto frames = unwinder.Unwind(p.pc(), p.sp(), kStack);
  REQUIRE(frames.size() == 2);
  // deferreturn's frame is gone: jmpdefer now sits on main's return slot.
  CHECK(p.code->FuncName(frames[0].func) == "main.jmpdefer");
  CHECK(frames[0].entry_sp == main_entry - 24 - 8);
  CHECK(frames[1].pc == p.InsnAddr("main.main", "CALL"));
  CHECK(p.code->FuncName(frames[1].func) == "main.main");
  CHECK(frames[1].entry_sp == main_entry);
  // BP is main's again, as if deferreturn had returned: main saved its caller's BP at
  // entry-8 and pointed BP there.
  CHECK(p.machine.cpu().gpr[emu::kRbp] == main_entry - 8);

  // One more instruction: the deferred function runs as if main had called it from there.
  REQUIRE_FALSE(p.machine.Step().has_value());
  frames = unwinder.Unwind(p.pc(), p.sp(), kStack);
  REQUIRE(frames.size() == 2);
  CHECK(p.code->FuncName(frames[0].func) == "main.deferred");
  CHECK(frames[1].pc == p.InsnAddr("main.main", "CALL"));
}

TEST_CASE("on a switched stack unwinding stops at the fake mstart return address", "[unwinder]") {
  TestProgram p(testing::kSwitchProgram);
  p.InstallFakeRuntime(false);
  const uint64_t alt_top = testing::kAltStackBase + testing::kAltStackSize;
  p.RunTo("main.fn");
  Unwinder unwinder(*p.code, p.memory);
  UnwindEnd end;
  const StackBounds alt{testing::kAltStackBase, alt_top};
  auto frames = unwinder.Unwind(p.pc(), p.sp(), alt, 100, &end);
  REQUIRE(frames.size() == 3);
  CHECK(end == UnwindEnd::kTopFrame);
  CHECK(p.code->FuncName(frames[0].func) == "main.fn");
  CHECK(frames[0].entry_sp == alt_top - 16);
  CHECK(p.code->FuncName(frames[1].func) == "main.switcher");
  CHECK(frames[1].entry_sp == alt_top - 8);
  CHECK(p.code->FuncName(frames[2].func) == "runtime.mstart");
  CHECK(frames[2].pc == p.Addr("runtime.mstart"));

  // Bounds stop the walk: with the main stack's bounds nothing above fn is believed.
  frames = unwinder.Unwind(p.pc(), p.sp(), kStack, 100, &end);
  CHECK(frames.size() == 1);
  CHECK(end == UnwindEnd::kStackBounds);
}

TEST_CASE("code index: argument slots and BP slots as the assembler saw them", "[unwinder]") {
  TestProgram p(testing::kDeferProgram);
  const PcInfo info = p.code->Lookup(p.Addr("main.jmpdefer"));
  REQUIRE(info.func != kNoFunc);
  auto slots = p.code->ArgSlots(info.func);
  REQUIRE(slots.size() == 2);
  CHECK(slots[0].name == "fv");
  CHECK(slots[0].off == 0);
  CHECK(slots[1].name == "argp");
  CHECK(slots[1].off == 8);
  CHECK_FALSE(p.code->HasBpSlot(info.func));
  const PcInfo dr = p.code->Lookup(p.Addr("main.deferreturn"));
  CHECK(p.code->HasBpSlot(dr.func));
  CHECK(p.code->FrameSize(dr.func) == 32);
  CHECK(p.code->Lookup(0x1000).func == kNoFunc);
  CHECK_FALSE(p.code->Lookup(p.Addr("main.deferreturn") + 1).boundary);
}

}  // namespace
}  // namespace goemu::trace
