// The runtime-model bench programs (bench/programs/, bench/run's go_programs) with small
// counts: each prints its checked result line, so a runtime change that breaks a workload
// fails here rather than silently in a benchmark. And the --stats lines of `goemu run` that
// the bench and the start-up figure read.
#include <catch2/catch.hpp>

#include <regex>

#include "tests/programs/run_merged.h"

namespace goemu::test {
namespace {

MergedResult RunBench(const std::string& name, const std::string& count, std::vector<std::string> flags = {}) {
  std::vector<std::string> args = {GOEMU_BINARY, "run"};
  args.insert(args.end(), flags.begin(), flags.end());
  for (const std::string& file : {"bench/programs/" + name + ".s", std::string("bench/programs/common.s")}) {
    args.push_back(file);
  }
  args.insert(args.end(), {"--args", count});
  return RunMerged(args, GOEMU_SOURCE_DIR);
}

TEST_CASE("bench programs print their checked results", "[bench-programs]") {
  struct Case {
    const char* name;
    const char* count;
    const char* output;
  };
  // call and stackgrow: count * sum(1000) = count * 500500; pingpong: two turns a round;
  // defer: 0+1+...+(count-1) from `defer add(i)` plus 1+2 per call.
  const Case cases[] = {
      {"call_bench", "7", "call_bench 7 3503500\n"},
      {"stackgrow_bench", "7", "stackgrow_bench 7 3503500\n"},
      {"pingpong_bench", "500", "pingpong_bench 500 1000\n"},
      {"defer_bench", "500", "defer_bench 500 126250\n"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const MergedResult run = RunBench(c.name, c.count);
      CHECK(run.output == c.output);
      CHECK(run.status == 0);
    }
  }
}

TEST_CASE("goemu run --stats: start-up, peak guest memory and block chains after the existing lines", "[bench-programs]") {
  const MergedResult run = RunBench("stackgrow_bench", "1", {"--stats"});
  REQUIRE(run.status == 0);
  // Every line, in order; the values that depend on the host are matched by form.
  const std::regex lines(
      "stackgrow_bench 1 500500\n"
      "instructions: [0-9]+\n"
      "wall time: [0-9]+\\.[0-9]{6} s\n"
      "MIPS: [0-9]+\\.[0-9]\n"
      "decode cache hit rate: [01]\\.[0-9]{4}\n"
      "guest memory: ([0-9]+) bytes\n"
      "host service calls: [0-9]+\n"
      "guest arena: [0-9]+ bytes\n"
      "peak guest memory: ([0-9]+) bytes\n"
      "startup: [0-9]+\\.[0-9]{3} ms\n"
      "block chains: [0-9]+\n");
  std::smatch match;
  REQUIRE(std::regex_match(run.output, match, lines));
  // The grown 64 KiB stack is unmapped when the goroutine exits: the peak is above the end.
  CHECK(std::stoull(match[2]) >= std::stoull(match[1]) + 65536);
}

}  // namespace
}  // namespace goemu::test
