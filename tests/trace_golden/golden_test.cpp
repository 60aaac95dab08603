// Golden traces: for every program in programs/ (and programs/faults/), `goemu run --trace`
// (text) must print programs/NAME.trace (golden_form.h) and `goemu frames --at KEY` must
// print programs/NAME.frames (key_moments.h). On the way it checks that tracing changes
// nothing the program does (same stdout, stderr and status with and without --trace) and
// that the trace is byte-identical on a second run.
//
// With GOEMU_REGEN_TRACES=1 the goldens are rewritten instead (scripts/regen-traces.sh).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include <fmt/format.h>

#include "tests/trace_golden/golden_form.h"
#include "tests/trace_golden/key_moments.h"
#include "tests/program_list.h"
#include "tests/trace_golden/subprocess.h"

namespace goemu::trace::golden {
namespace {

namespace fs = std::filesystem;
using test::ProgramNames;
using test::RunFlags;

std::string TempPath(const std::string& name, int n) {
  std::string flat = name;
  std::replace(flat.begin(), flat.end(), '/', '_');
  return (fs::temp_directory_path() / fmt::format("goemu-golden-{}-{}-{}.trace", flat, n, getpid())).string();
}

bool Regenerating() {
  const char* env = std::getenv("GOEMU_REGEN_TRACES");
  return env != nullptr && std::string_view(env) == "1";
}

void CheckProgram(const std::string& name) {
  const std::string source = "programs/" + name + ".s";
  const std::string root = GOEMU_SOURCE_DIR;
  std::vector<std::string> run = {"run"};
  for (const std::string& flag : RunFlags(ReadFile(root + "/" + source))) run.push_back(flag);

  std::vector<std::string> plain_args = run;
  plain_args.push_back(source);
  const Captured plain = Goemu(plain_args);
  std::string traces[2];
  for (int n = 0; n < 2; ++n) {
    const std::string path = TempPath(name, n);
    std::vector<std::string> args = run;
    for (const char* a : {"--trace", "--trace-out"}) args.emplace_back(a);
    args.push_back(path);
    args.push_back(source);
    const Captured traced = Goemu(args);
    INFO("goemu " << fmt::format("{}", fmt::join(args, " ")));
    CHECK(traced.out == plain.out);
    CHECK(traced.err == plain.err);
    CHECK(traced.status == plain.status);
    traces[n] = ReadFile(path);
    fs::remove(path);
  }
  REQUIRE(!traces[0].empty());
  CHECK(traces[0] == traces[1]);  // only the retired-instruction count is a clock

  const std::string where(KeyMoment(name));
  const Captured frames = Goemu({"frames", source, "--at", where});
  INFO("goemu frames " << source << " --at " << where << "\n" << frames.err);
  CHECK(frames.status == 0);
  CHECK(frames.err.empty());

  const std::string trace_golden = root + "/programs/" + name + ".trace";
  const std::string frames_golden = root + "/programs/" + name + ".frames";
  if (Regenerating()) {
    WriteFile(trace_golden, GoldenForm(traces[0]));
    WriteFile(frames_golden, frames.out);
    return;
  }
  INFO("no golden file? run scripts/regen-traces.sh BUILD_DIR " << name << " and review the diff");
  REQUIRE(fs::exists(trace_golden));
  REQUIRE(fs::exists(frames_golden));
  // Compared as strings: on a mismatch Catch2 prints both.
  CHECK(GoldenForm(traces[0]) == ReadFile(trace_golden));
  CHECK(frames.out == ReadFile(frames_golden));
}

TEST_CASE("golden traces and frame diagrams of programs/", "[golden]") {
  for (const std::string& name : ProgramNames()) {
    DYNAMIC_SECTION(name) { CheckProgram(name); }
  }
}

TEST_CASE("the golden form keeps short traces whole and hashes long ones", "[golden-form]") {
  const std::string short_trace = "         1 g0         1   call a <- b\n";
  CHECK(GoldenForm(short_trace) == short_trace);
  std::string long_trace;
  for (size_t i = 0; i < kMaxVerbatimLines + 10; ++i) {
    long_trace += fmt::format("{:>10} g1      {:>4}   {} x\n", i, 1, i == 2000 ? "stack-grow" : "call");
  }
  const std::string form = GoldenForm(long_trace);
  CHECK(form.find("      2000 g1         1   stack-grow x\n") != std::string::npos);
  CHECK(form.find("      1999 g1") == std::string::npos);
  CHECK(form.find(fmt::format("{:#018x}", Fnv1a64(long_trace))) != std::string::npos);
  std::string changed = long_trace;
  changed[changed.size() / 2 - 40] ^= 1;  // a byte inside the elided middle
  CHECK(GoldenForm(changed) != form);
}

}  // namespace
}  // namespace goemu::trace::golden
