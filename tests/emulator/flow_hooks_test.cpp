// An observer's FlowHooks (flow_hooks.h): blocks built for it run direct CALLs it described
// and RETs threaded (ObservedCall, ObservedRet) and call a hook instead of OnRetired. What a
// hook is told (pc, where the instruction went, rip, the retired count) must be what
// OnRetired is told without hooks (ObservedThreaded, itself checked against stepping); a
// hook that declines must get the machine to call that same OnRetired.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/emulator/guest.h"

namespace goemu::emu::testing {

namespace {

struct Told {
  bool hooked;      // through a hook, not OnRetired
  uint64_t pc, next_pc, rsp_before, site;
  uint32_t classes;
  uint64_t retired, rip, rsp;
};

struct HookedRecorder : ExecutionObserver {
  bool offer = true;   // whether it has hooks at all
  bool accept = true;  // the hooks' answer
  std::vector<Told> told;

  uint32_t interest() const override { return kClassCall | kClassRet; }
  void OnRetired(Machine& m, const RetiredInsn& insn) override {
    told.push_back(Told{false, insn.pc, insn.next_pc, insn.rsp_before, 0, insn.classes, m.retired(), m.cpu().rip,
                        m.gpr()[kRsp]});
  }
  FlowHooks flow_hooks() override {
    return offer ? FlowHooks{this, &Hook<kClassCall>, &Hook<kClassRet>} : FlowHooks{};
  }
  bool DescribeCall(uint64_t pc, uint8_t length, uint64_t target, uint64_t& site) const override {
    site = pc * 3 + length + target;  // something the hook can check came from here
    return true;
  }
  template <uint32_t kClass>
  static bool Hook(void* observer, Machine& m, uint64_t pc, uint64_t next_pc, uint64_t site) {
    auto& self = *static_cast<HookedRecorder*>(observer);
    if (!self.accept) return false;
    self.told.push_back(Told{true, pc, next_pc, 0, site, kClass, m.retired(), m.cpu().rip, m.gpr()[kRsp]});
    return true;
  }
};

// 0: push rax; 1: call 8 (through: the same page); 6: jmp 12; 8: ret 8 (pops rax too);
// 11: nop; 12: call 0x1000 (another page: its block ends there); 17: jmp 0x1001;
// 22: nops; 0x1000: ret; 0x1001: the end.
std::string Program() {
  std::string code = "50 e802000000 eb04 c20800 90 e8ef0f0000 e9eb0f0000";
  for (uint64_t at = 22; at < 0x1000; ++at) code += "90";
  return code + "c3";
}
constexpr uint64_t kEnd = kText + 0x1001;

std::vector<Told> Run(bool offer, bool accept) {
  Guest g;
  HookedRecorder rec;
  rec.offer = offer;
  rec.accept = accept;
  g.machine.SetObserver(&rec);
  g.Load(Program());
  // Twice: the first run's stack accesses miss the TLB, and a fast half that misses leaves
  // the instruction to ObservedThreaded, hooks or not. The second run is the one checked.
  for (int round = 0; round < 2; ++round) {
    rec.told.clear();
    g.cpu().rip = kText;
    REQUIRE(g.machine.Run(RunOptions{.max_steps = 1000, .stop_at = kEnd}).reason == StopReason::kEnd);
    REQUIRE(g.reg(kRsp) == kStackTop);
  }
  return rec.told;
}

}  // namespace

TEST_CASE("Flow hooks are told what OnRetired is told without them", "[observer][flow]") {
  const auto plain = Run(false, false);
  // OnRetired is told: call 8, ret 8, call 0x1000, ret.
  REQUIRE(plain.size() == 4);
  REQUIRE(!plain[0].hooked);
  REQUIRE(plain[0].rsp_before == kStackTop - 8);
  REQUIRE(plain[1].rsp_before == kStackTop - 16);
  REQUIRE(plain[1].rsp == kStackTop);
  REQUIRE(plain[2].next_pc == kText + 0x1000);
  REQUIRE(plain[3].next_pc == kText + 17);

  SECTION("the hooks accept: no OnRetired") {
    const auto whole = Run(true, true);
    REQUIRE(whole.size() == plain.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      INFO("observation " << i);
      REQUIRE(whole[i].hooked);
      REQUIRE(whole[i].pc == plain[i].pc);
      REQUIRE(whole[i].next_pc == plain[i].next_pc);
      REQUIRE(whole[i].classes == (plain[i].classes & (kClassCall | kClassRet)));
      REQUIRE(whole[i].retired == plain[i].retired);
      REQUIRE(whole[i].rip == plain[i].rip);
      REQUIRE(whole[i].rsp == plain[i].rsp);
    }
    REQUIRE(whole[0].site == (kText + 1) * 3 + 5 + (kText + 8));
    REQUIRE(whole[1].site == 0);
    REQUIRE(whole[2].site == (kText + 12) * 3 + 5 + (kText + 0x1000));
  }
  SECTION("the hooks decline: OnRetired, RSP before worked out again") {
    const auto whole = Run(true, false);
    REQUIRE(whole.size() == plain.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      INFO("observation " << i);
      REQUIRE(!whole[i].hooked);
      REQUIRE(whole[i].pc == plain[i].pc);
      REQUIRE(whole[i].next_pc == plain[i].next_pc);
      REQUIRE(whole[i].rsp_before == plain[i].rsp_before);
      REQUIRE(whole[i].retired == plain[i].retired);
      REQUIRE(whole[i].rip == plain[i].rip);
    }
  }
}

}  // namespace goemu::emu::testing
