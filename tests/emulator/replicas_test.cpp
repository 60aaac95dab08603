// The copies of the busiest MOV and LEA handlers (replicas.h): which copy the block builder
// gives each record, and that a run through the copies does what one through the
// instructions' own step handlers does.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <set>
#include <string>

#include "emulator/decode_cache.h"
#include "tests/emulator/guest.h"

namespace goemu::emu::testing {
namespace {

// Seventeen loads, each followed by an instruction of another handler; two stores and two
// LEAs after handlers the loads met too.
//   records 0-33: mov reg, [rbx+8k]; op reg       records 34-37: mov [rbx+...], reg; op
//   records 38-41: lea reg, [...]; op             record 42: jmp kFar
constexpr std::string_view kReplicasCode =
    "488b03 4883c001 488b4b08 4883e901 488b5310 83f255 488b7318 48ffc6 488b7b20 48f7df "
    "4c8b4328 49d1e0 4c8b4b30 4981e1ff000000 4c8b5338 4983ca02 4c8b5b40 49f7d3 "
    "4c8b7348 49ffce 4c8b7b50 49d1ef 488b6b58 48d1fd 488b7360 48d1c6 488b7b68 486bff03 "
    "4c8b4370 4983d001 4c8b4b78 4983d901 4c8b9380000000 49d1ca "
    "48898388000000 4883c001 48898b90000000 4883e901 4c8d64c305 49ffc4 4c8d2c0a 49f7dd";
constexpr size_t kReplicasCodeLength = 168;
// The quadwords at kData: seventeen loaded, then the two stored.
constexpr uint64_t kDataWords = 19;

std::string ReplicasCode() { return fmt::format("{} {}", kReplicasCode, JmpFar(kText + kReplicasCodeLength)); }

struct CopiesOutcome {
  CpuState cpu;
  uint64_t retired;
  std::vector<uint64_t> data;
};

// Runs the code twice from kText (the second time with the TLB filled, so the copies take
// their fast halves), in blocks or one instruction at a time.
CopiesOutcome RunCopies(bool stepped) {
  Guest g;
  g.Load(ReplicasCode());
  g.reg(kRbx) = kData;
  for (uint64_t i = 0; i < kDataWords; ++i) g.Write64(kData + 8 * i, 0x0123456789abcdef * (i + 1));
  for (int pass = 0; pass < 2; ++pass) {
    g.cpu().rip = kText;
    if (!stepped) REQUIRE(g.RunToFar().reason == StopReason::kEnd);
    while (stepped && g.cpu().rip != kFar) g.machine.Run(RunOptions{.max_steps = 1, .stop_at = kFar});
  }
  CopiesOutcome out{g.cpu(), g.machine.retired(), {}};
  for (uint64_t i = 0; i < kDataWords; ++i) out.data.push_back(g.Read64(kData + 8 * i));
  return out;
}

}  // namespace

TEST_CASE("Replicas: each replicated form has distinct copies, the first the handler as bound", "[replicas]") {
  for (const Handler bound : {kLoad64.exec, kStore64.exec, kLea64.exec}) {
    std::set<Handler> copies;
    for (unsigned copy = 0; copy < kReplicas; ++copy) copies.insert(MoveReplica(bound, copy));
    REQUIRE(copies.size() == kReplicas);
    REQUIRE(MoveReplica(bound, 0) == bound);
    REQUIRE(copies.count(nullptr) == 0);
    // A copy is not itself a form with copies.
    REQUIRE(MoveReplica(MoveReplica(bound, 1), 2) == nullptr);
  }
  REQUIRE(MoveReplica(kAddRegImm64.exec, 1) == nullptr);
}

TEST_CASE("Replicas: the block builder gives a record the copy dealt for its successor's handler", "[replicas]") {
  Guest g;
  g.Load(ReplicasCode());
  uint64_t link_epoch = 1;
  DecodeCache cache(g.memory, link_epoch);
  const Block& block = cache.GetBlock(kText);
  REQUIRE(block.count == 43);
  const DecodedInsn* r = block.first;
  // Each handler deals its own copies, from the block's last record back. The loads, from
  // the seventeenth back, meet seventeen handlers (ROR, SBB, ADC, IMUL, ROL, SAR, SHR, DEC,
  // NOT, OR, AND, SHL, NEG, INC, XOR, SUB, ADD): all the copies, then the first again.
  static_assert(kReplicas == 16, "seventeen loads: one more than there are copies");
  std::set<Handler> loads;
  for (int i = 32; i >= 0; i -= 2) {
    REQUIRE(IsMoveCopy(r[i].exec, kLoad64.exec));
    REQUIRE(r[i].exec == MoveReplica(kLoad64.exec, (32 - i) / 2 % kReplicas));
    loads.insert(r[i].exec);
  }
  REQUIRE(loads.size() == kReplicas);
  REQUIRE(r[0].exec == r[32].exec);
  // The stores meet SUB's handler, then ADD's; the LEAs NEG's, then INC's.
  REQUIRE(r[36].exec == kStore64.exec);
  REQUIRE(r[34].exec == MoveReplica(kStore64.exec, 1));
  REQUIRE(r[40].exec == kLea64.exec);
  REQUIRE(r[38].exec == MoveReplica(kLea64.exec, 1));
  // The other instructions keep their own handlers.
  REQUIRE(r[1].exec == kAddRegImm64.exec);
  REQUIRE(r[35].exec == kAddRegImm64.exec);
}

TEST_CASE("Replicas: a run through every copy matches one instruction at a time", "[replicas]") {
  const CopiesOutcome threaded = RunCopies(false);
  const CopiesOutcome stepped = RunCopies(true);
  REQUIRE(threaded.retired == 2 * 43);
  REQUIRE(threaded.retired == stepped.retired);
  REQUIRE(threaded.data == stepped.data);
  REQUIRE(threaded.cpu.rflags == stepped.cpu.rflags);
  for (int reg = 0; reg < kGprCount; ++reg) REQUIRE(threaded.cpu.gpr[reg] == stepped.cpu.gpr[reg]);
  // The stores wrote what the loads and ADD/SUB made of the data.
  REQUIRE(threaded.data[17] == 0x0123456789abcdef + 1);
  REQUIRE(threaded.data[18] == 0x0123456789abcdef * 2 - 1);
}

}  // namespace goemu::emu::testing
