// goemu exec, the instruction playground, end to end.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/run_command.h"

using goemu::test::RunGoemu;
using nlohmann::json;

namespace {
json ExecJson(std::vector<std::string> args, int expected_status) {
  args.insert(args.begin(), "exec");
  args.push_back("--json");
  const auto result = RunGoemu(args);
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.status == expected_status);
  return json::parse(result.out);
}
}  // namespace

TEST_CASE("exec: add rax, rbx gives 3 with PF set and the other status flags clear") {
  const json out = ExecJson({"--hex", "48 01 d8", "--set", "rax=1", "--set", "rbx=2"}, 0);
  CHECK(out["rax"] == "0x3");
  CHECK(out["rbx"] == "0x2");
  CHECK(out["rflags"] == "0x206");  // IF | reserved bit 1 | PF (3 has two bits set)
  CHECK(out["rip"] == "0x400003");
  CHECK(out["steps"] == 1);
  CHECK(out["stop"] == "end");
  for (const char* reg : {"rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}) {
    CHECK(out[reg] == "0x0");
  }
}

TEST_CASE("exec: signed overflow sets OF and SF, carry out sets CF and ZF") {
  // add rax, rbx: 0x7fff...f + 1 overflows into the sign bit.
  json out = ExecJson({"--hex", "48 01 d8", "--set", "rax=0x7fffffffffffffff", "--set", "rbx=1"}, 0);
  CHECK(out["rax"] == "0x8000000000000000");
  CHECK(out["rflags"] == "0xa96");  // OF SF AF PF | IF | bit 1
  // add rax, rbx: -1 + 1 = 0 with carry out.
  out = ExecJson({"--hex", "48 01 d8", "--set", "rax=-1", "--set", "rbx=1"}, 0);
  CHECK(out["rax"] == "0x0");
  CHECK(out["rflags"] == "0x257");  // ZF AF PF CF | IF | bit 1
}

TEST_CASE("exec: a guest fault ends with a report and status 3") {
  SECTION("ud2") {
    const json out = ExecJson({"--hex", "0f 0b"}, 3);
    CHECK(out["stop"] == "fault");
    CHECK(out["fault"]["kind"] == "invalid-opcode");
    CHECK(out["fault"]["pc"] == "0x400000");
  }
  SECTION("divide by zero") {
    const json out = ExecJson({"--hex", "48 f7 f1", "--set", "rax=5"}, 3);  // div rcx, rcx = 0
    CHECK(out["fault"]["kind"] == "divide-error");
    CHECK(out["rax"] == "0x5");  // the faulting instruction changed nothing
  }
  SECTION("jump into unmapped memory") {
    const json out = ExecJson({"--hex", "ff e0", "--set", "rax=0x1234"}, 3);  // jmp rax
    CHECK(out["fault"]["kind"] == "unmapped-execute");
    CHECK(out["fault"]["address"] == "0x1234");
  }
  SECTION("jump to the last byte of the address space") {
    // Regression (found by the exec fuzzer): an empty jump-cache slot once matched pc ~0.
    const json out = ExecJson({"--hex", "ff e1", "--set", "rcx=-1"}, 3);  // jmp rcx
    CHECK(out["fault"]["kind"] == "unmapped-execute");
    CHECK(out["fault"]["address"] == "0xffffffffffffffff");
  }
  SECTION("write to read-only text") {
    const json out = ExecJson({"--hex", "48 89 05 f9 ff ff ff"}, 3);  // mov [rip-7], rax: its own bytes
    CHECK(out["fault"]["kind"] == "protection-write");
    CHECK(out["fault"]["address"] == "0x400000");
  }
}

TEST_CASE("exec: --max-steps stops a loop with status 4") {
  const json out = ExecJson({"--hex", "eb fe", "--max-steps", "1000"}, 4);  // jmp to itself
  CHECK(out["stop"] == "max-steps");
  CHECK(out["steps"] == 1000);
}

TEST_CASE("exec: the text output names registers and flags") {
  const auto result = RunGoemu({"exec", "--hex", "48 01 d8", "--set", "rax=1", "--set", "rbx=2"});
  REQUIRE(result.status == 0);
  CHECK(result.out.find("rax 0x0000000000000003") != std::string::npos);
  CHECK(result.out.find("rflags 0x206 [PF IF]") != std::string::npos);
  CHECK(result.out.find("stop end") != std::string::npos);
}

TEST_CASE("exec: bad input is refused with a message") {
  auto result = RunGoemu({"exec", "--hex", "4"});
  CHECK(result.status == 1);
  CHECK(result.err.find("even number of hex digits") != std::string::npos);
  result = RunGoemu({"exec", "--hex", "90", "--set", "rzz=1"});
  CHECK(result.status == 2);
  CHECK(result.err.find("--set rzz=1") != std::string::npos);
  result = RunGoemu({"exec", "--bogus"});
  CHECK(result.status == 2);
}
