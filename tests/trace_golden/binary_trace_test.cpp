// The binary trace through the real goemu binary: `goemu run --trace=calls --format binary`
// then `goemu render` must give, for every program of programs/ and programs/faults/, the
// bytes `goemu run --trace=calls --format F` writes live, in each textual format; and
// render must refuse what it cannot render faithfully, saying why.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>
#include <unistd.h>

#include <fmt/format.h>

#include "tests/program_list.h"
#include "tests/trace_golden/subprocess.h"

namespace goemu::trace::golden {
namespace {

namespace fs = std::filesystem;
using test::ProgramNames;
using test::RunFlags;

std::string TempPath(const std::string& what) {
  std::string flat = what;
  std::replace(flat.begin(), flat.end(), '/', '_');
  return (fs::temp_directory_path() / fmt::format("goemu-binary-{}-{}", flat, getpid())).string();
}

// `goemu run` of a program with its Run flags and these trace flags.
std::vector<std::string> RunArgs(const std::string& name, std::vector<std::string> trace_flags) {
  const std::string source = "programs/" + name + ".s";
  std::vector<std::string> args = {"run"};
  for (const std::string& flag : RunFlags(ReadFile(std::string(GOEMU_SOURCE_DIR) + "/" + source))) {
    args.push_back(flag);
  }
  args.insert(args.end(), trace_flags.begin(), trace_flags.end());
  args.push_back(source);
  return args;
}

// Records name's binary trace and returns its path and the run's output.
std::pair<std::string, Captured> RecordBinary(const std::string& name, const std::string& tag = "") {
  const std::string path = TempPath(name + tag + ".bin");
  return {path, Goemu(RunArgs(name, {"--trace=calls", "--format", "binary", "--trace-out", path}))};
}

// Each format once live and once rendered; the program must do the same under both (the
// golden test compares a traced run with an untraced one).
TEST_CASE("a binary trace renders to what each format writes live", "[binary]") {
  for (const std::string& name : ProgramNames()) {
    DYNAMIC_SECTION(name) {
      const auto [binary, recorded] = RecordBinary(name);
      for (const char* format : {"text", "jsonl", "chrome"}) {
        INFO("format " << format);
        const std::string live_path = TempPath(name + ".live");
        const Captured live_run = Goemu(RunArgs(name, {"--trace=calls", "--format", format, "--trace-out", live_path}));
        CHECK(live_run.out == recorded.out);
        CHECK(live_run.err == recorded.err);
        CHECK(live_run.status == recorded.status);
        const std::string live = ReadFile(live_path);
        REQUIRE(!live.empty());
        fs::remove(live_path);
        // Text goes to standard output, the default; the others to a file.
        if (std::string_view(format) == "text") {
          const Captured rendered = Goemu({"render", binary});
          CHECK(rendered.status == 0);
          CHECK(rendered.err.empty());
          CHECK(rendered.out == live);
          continue;
        }
        const std::string rendered_path = TempPath(name + ".rendered");
        const Captured rendered = Goemu({"render", binary, "--format", format, "--trace-out", rendered_path});
        CHECK(rendered.status == 0);
        CHECK(rendered.err.empty());
        CHECK(ReadFile(rendered_path) == live);
        fs::remove(rendered_path);
      }
      fs::remove(binary);
    }
  }
}

TEST_CASE("render refuses a trace it cannot render faithfully, and run the flags binary cannot take", "[binary-cli]") {
  const std::string binary = RecordBinary("defer").first;
  const std::string bytes = ReadFile(binary);
  {
    const std::string again = RecordBinary("defer", "-again").first;
    CHECK(ReadFile(again) == bytes);  // the files are named as given: no directory in the bytes
    fs::remove(again);
  }

  SECTION("the program assembles differently") {
    const Captured r = Goemu({"render", binary, "--program", "programs/closure.s"});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == fmt::format("goemu render: {} was recorded from a program that assembled differently than "
                               "programs/closure.s does now; render it with the files it was recorded from "
                               "(--program)\n",
                               binary));
  }
  SECTION("the files it names are found elsewhere with --program") {
    const std::string live = TempPath("defer.live");
    Goemu(RunArgs("defer", {"--trace=calls", "--trace-out", live}));
    const Captured r = Goemu({"render", binary, "--program", "programs/defer.s"});
    CHECK(r.status == 0);
    CHECK(r.out == ReadFile(live));
    fs::remove(live);
  }
  SECTION("a trace cut short renders what it holds, then fails") {
    const std::string cut = TempPath("cut.bin");
    WriteFile(cut, bytes.substr(0, bytes.size() / 2));
    const Captured r = Goemu({"render", cut});
    CHECK(r.status == 1);
    CHECK(!r.out.empty());
    INFO(r.err);
    CHECK(r.err.find(fmt::format("goemu render: {}: byte ", cut)) == 0);
    CHECK((r.err.find("the trace ends in the middle of a record") != std::string::npos ||
           r.err.find("(the trace was cut short)") != std::string::npos));
    CHECK(r.err.find("(rendered the ") != std::string::npos);
    fs::remove(cut);
  }
  SECTION("not a binary trace") {
    const Captured r = Goemu({"render", "programs/defer.s"});
    CHECK(r.status == 1);
    CHECK(r.err ==
          "goemu render: programs/defer.s: byte 0: not a goemu binary trace (it starts with \"goemu binary trace\")\n");
  }
  SECTION("a version this goemu does not read") {
    const std::string future = TempPath("future.bin");
    std::string changed = bytes;
    changed[std::string_view("goemu binary trace\n").size()] = 9;
    WriteFile(future, changed);
    const Captured r = Goemu({"render", future});
    CHECK(r.status == 1);
    CHECK(r.err == fmt::format("goemu render: {}: byte 19: version 9 (this goemu reads version 1)\n", future));
    fs::remove(future);
  }
  SECTION("binary needs --trace=calls and a file") {
    const Captured insns = Goemu({"run", "--trace=insns", "--format", "binary", "--trace-out", "/dev/null",
                                  "programs/defer.s"});
    CHECK(insns.status == 1);
    CHECK(insns.err == "goemu run: --format binary records frame events: it needs --trace=calls\n");
    const Captured stdout_trace = Goemu({"run", "--trace=calls", "--format", "binary", "programs/defer.s"});
    CHECK(stdout_trace.status == 1);
    CHECK(stdout_trace.err ==
          "goemu run: --format binary needs --trace-out FILE (goemu render FILE turns it into text)\n");
    const Captured diagrams = Goemu({"run", "--trace=calls", "--format", "binary", "--trace-out", "/dev/null",
                                     "--diagrams-at", "call", "programs/defer.s"});
    CHECK(diagrams.status == 1);
    CHECK(diagrams.err == "goemu run: --diagrams-at needs --format text or jsonl\n");
  }
  fs::remove(binary);
}

}  // namespace
}  // namespace goemu::trace::golden
