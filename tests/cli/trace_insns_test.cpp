// `goemu run --trace=insns`: one "insn" line per retired instruction, numbered without gaps,
// as docs/trace-format.md promises, including instructions in no observer class.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>
#include <sys/resource.h>

#include "tests/cli/run_command.h"

namespace goemu::test {
namespace {

TEST_CASE("the per-instruction trace (run --trace=insns) writes every retired instruction once, in order", "[cli][trace]") {
  const std::string out = (std::filesystem::temp_directory_path() / "goemu_cli_trace_insns.jsonl").string();
  const CommandResult r = RunGoemu({"run", "--stats", "--trace=insns", "--format", "jsonl", "--trace-out", out,
                                    std::string(GOEMU_SOURCE_DIR) + "/programs/defer.s"});
  REQUIRE(r.status == 0);
  const size_t at = r.err.find("instructions: ");
  REQUIRE(at != std::string::npos);
  const uint64_t retired = std::stoull(r.err.substr(at + 14));
  std::ifstream in(out);
  std::string line;
  uint64_t insns = 0;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j.value("event", "") != "insn") continue;
    ++insns;
    REQUIRE(j["step"].get<uint64_t>() == insns);
  }
  // defer.s retires 2137 instructions (its golden trace's exit step).
  CHECK(retired == 2137);
  CHECK(insns == retired);
  std::filesystem::remove(out);
}

// The instruction trace's writer observes every instruction and hands the frame tracer only
// the ones it asks for, and the stores its watch list catches: the tracer's events must come
// out as when it observes alone. defer.s rewrites return addresses (SUBQ $5, (SP)),
// stackgrow.s grows its stack three times in its first 30000 steps (its whole instruction
// trace is 1.3 GB), pingpong.s switches g's at every Gosched.
TEST_CASE("the frame events of an instruction trace are the call trace's, line for line", "[cli][trace]") {
  struct Run {
    const char* program;
    std::vector<std::string> flags;
  };
  for (const Run& run : {Run{"defer.s", {}}, Run{"stackgrow.s", {"--max-steps", "30000"}}, Run{"pingpong.s", {}}}) {
    CAPTURE(run.program);
    const std::string path = std::string(GOEMU_SOURCE_DIR) + "/programs/" + run.program;
    std::vector<std::string> insns_args = {"run", "--trace=insns", "--format", "jsonl", path};
    std::vector<std::string> calls_args = {"run", "--trace=calls", "--format", "jsonl", path};
    insns_args.insert(insns_args.end(), run.flags.begin(), run.flags.end());
    calls_args.insert(calls_args.end(), run.flags.begin(), run.flags.end());
    const CommandResult insns = RunGoemu(insns_args);
    const CommandResult calls = RunGoemu(calls_args);
    CHECK(insns.status == calls.status);
    std::string events;
    for (size_t at = 0; at < insns.out.size();) {
      const size_t end = insns.out.find('\n', at) + 1;
      const std::string_view line(insns.out.data() + at, end - at);
      if (line.find("\"event\":\"insn\"") == std::string_view::npos) events.append(line);
      at = end;
    }
    REQUIRE(insns.out.size() > events.size());
    CHECK(events == calls.out);
  }
}

// A line shows the registers its instruction may write that changed, and after a change made
// between instructions -- nil_deref.s's fault made into a call of runtime.sigpanic, which
// pushed a return address -- every register that changed: the first instruction of sigpanic
// writes only CX, yet its line shows the pushed SP.
TEST_CASE("an instruction line shows registers changed between instructions too", "[cli][trace]") {
  const CommandResult r = RunGoemu({"run", "--trace=insns", "--format", "jsonl",
                                    std::string(GOEMU_SOURCE_DIR) + "/programs/faults/nil_deref.s"});
  REQUIRE(r.status == 2);
  const size_t at = r.out.find("\"sym\":\"runtime.sigpanic\"");
  REQUIRE(at != std::string::npos);
  const size_t begin = r.out.rfind('\n', at) + 1;
  const nlohmann::json line = nlohmann::json::parse(r.out.substr(begin, r.out.find('\n', at) - begin));
  CHECK(line["step"] == 874);
  CHECK(line["text"] == "MOVQ\t(TLS), CX");
  CHECK(line["regs"] == nlohmann::json{{"rsp", "0xc00001ff98"}});
}

TEST_CASE("a trace that cannot be written in full ends the run with an error", "[cli][trace]") {
  const CommandResult r = RunGoemu({"run", "--trace=insns", "--trace-out", "/dev/full",
                                    std::string(GOEMU_SOURCE_DIR) + "/programs/defer.s"});
  CHECK(r.status == 1);
  // After the program's own output (println writes to standard error).
  const std::string message = "goemu run: cannot write the trace to /dev/full: No space left on device\n";
  REQUIRE(r.err.size() > message.size());
  CHECK(r.err.substr(r.err.size() - message.size()) == message);
  CHECK(r.err.substr(0, 20) == "threeDefers returns\n");
}

TEST_CASE("a trace file past the file size limit (ulimit -f) ends the run with an error, not a signal",
          "[cli][trace]") {
  const std::string out = (std::filesystem::temp_directory_path() / "goemu_cli_trace_fsize.jsonl").string();
  constexpr rlim_t kLimit = 64 << 10;  // defer.s's instruction trace is ~300 KB
  rlimit saved;
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  rlimit limited = saved;
  limited.rlim_cur = kLimit;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &limited) == 0);
  // The child inherits the limit; this process writes no file until it is restored.
  const CommandResult r = RunGoemu({"run", "--trace=insns", "--format", "jsonl", "--trace-out", out,
                                    std::string(GOEMU_SOURCE_DIR) + "/programs/defer.s"});
  REQUIRE(setrlimit(RLIMIT_FSIZE, &saved) == 0);
  CHECK(r.status == 1);
  const std::string message = fmt::format("goemu run: cannot write the trace to {}: File too large\n", out);
  REQUIRE(r.err.size() > message.size());
  CHECK(r.err.substr(r.err.size() - message.size()) == message);
  // What fits is written: the trace's first kLimit bytes.
  CHECK(std::filesystem::file_size(out) == kLimit);
  std::filesystem::remove(out);
}

}  // namespace
}  // namespace goemu::test
