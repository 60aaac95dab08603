// The frame-diagram commands through the real binary: `goemu run --diagrams-at` draws the
// same picture `goemu frames --at` does at the same event, `--svg` writes a document, and
// bad locations are one-line usage errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/trace_golden/subprocess.h"

namespace goemu::trace::golden {
namespace {

// The text between `--- diagram at WHAT (step N) ---` and `--- end of diagram ---`.
std::vector<std::string> DiagramBlocks(const std::string& out, std::vector<std::string>* titles) {
  std::vector<std::string> blocks;
  const std::string open = "--- diagram at ", close = "--- end of diagram ---\n";
  for (size_t at = out.find(open); at != std::string::npos; at = out.find(open, at + 1)) {
    const size_t body = out.find('\n', at) + 1;
    titles->push_back(out.substr(at, body - at - 1));
    blocks.push_back(out.substr(body, out.find(close, body) - body));
  }
  return blocks;
}

TEST_CASE("run --diagrams-at draws at every such event what frames --at draws at that one", "[diagram-cli]") {
  const Captured plain = Goemu({"run", "programs/jmpdefer.s"});
  const Captured drawn = Goemu({"run", "--diagrams-at", "retaddr-rewrite", "programs/jmpdefer.s"});
  CHECK(drawn.status == plain.status);
  CHECK(drawn.err == plain.err);
  std::vector<std::string> titles;
  const std::vector<std::string> blocks = DiagramBlocks(drawn.out, &titles);
  REQUIRE(blocks.size() == 3);
  for (size_t i = 0; i < blocks.size(); ++i) {
    INFO(titles[i]);
    CHECK(titles[i].starts_with(fmt::format("--- diagram at retaddr-rewrite#{} (step ", i + 1)));
    const Captured frames = Goemu({"frames", "programs/jmpdefer.s", "--at", fmt::format("retaddr-rewrite#{}", i + 1)});
    REQUIRE(frames.status == 0);
    // frames adds one line saying where it stopped.
    CHECK(frames.out.substr(frames.out.find('\n') + 1) == blocks[i]);
  }
  // Only the diagrams are added: the program's own output is all there too.
  std::string rest = drawn.out;
  for (const std::string& b : blocks) rest.erase(rest.find(b), b.size());
  CHECK(rest.find(plain.out) != std::string::npos);
}

TEST_CASE("run --diagrams-at with jsonl: one diagram line among the events", "[diagram-cli]") {
  const std::string path = fmt::format("/tmp/goemu-diagrams-{}.jsonl", getpid());
  const Captured run = Goemu({"run", "--trace", "--format", "jsonl", "--trace-out", path, "--diagrams-at",
                              "stack-grow#2", "programs/stackgrow.s"});
  CHECK(run.status == 0);
  const std::string text = ReadFile(path);
  std::filesystem::remove(path);
  int diagrams = 0;
  uint64_t grow_step = 0;
  int grows = 0;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; start = nl + 1, nl = text.find('\n', start)) {
    // Only the two kinds of line this looks at are parsed: parsing all 1.2 million took 100 s
    // of the sanitized suite's time.
    const std::string_view raw(text.data() + start, nl - start);
    const auto has = [&raw](std::string_view s) { return raw.find(s) != std::string_view::npos; };
    if (!has("\"event\":\"stack-grow\"") && !has("\"event\":\"diagram\"")) continue;
    const nlohmann::json line = nlohmann::json::parse(raw);
    if (line.value("event", "") == "stack-grow" && ++grows == 2) grow_step = line["step"];
    if (line.value("event", "") != "diagram") continue;
    ++diagrams;
    CHECK(line["at"] == "stack-grow#2");
    CHECK(line["step"] == grow_step);  // right after the event line it belongs to
    CHECK(line["text"].get<std::string>().starts_with(fmt::format("step {}  current g: g1\n", grow_step)));
  }
  CHECK(diagrams == 1);
}

TEST_CASE("frames: --svg, steps, and one-line errors", "[diagram-cli]") {
  const std::string svg = fmt::format("/tmp/goemu-frames-{}.svg", getpid());
  const Captured ok = Goemu({"frames", "programs/mcall.s", "--at", "main.park", "--svg", svg});
  CHECK(ok.status == 0);
  const std::string doc = ReadFile(svg);
  std::filesystem::remove(svg);
  CHECK(doc.starts_with("<?xml"));
  CHECK_THAT(doc, Catch::Contains("stack g0 on m0"));
  CHECK_THAT(doc, Catch::Contains("stack g1 on m0 (running)"));  // drawn from the sched mcall saved
  CHECK_THAT(ok.out, Catch::StartsWith("at main.park\n"));

  const Captured step = Goemu({"frames", "programs/mcall.s", "--at", "100", "--current-only"});
  CHECK(step.status == 0);
  CHECK_THAT(step.out, Catch::StartsWith("at 100\nstep 100  current g: "));

  const Captured bad = Goemu({"frames", "programs/mcall.s", "--at", "main.nowhere"});
  CHECK(bad.status == 2);
  CHECK(bad.err == "goemu frames: --at main.nowhere: no such symbol, event or step number\n");
  const Captured late = Goemu({"frames", "programs/mcall.s", "--at", "stack-grow"});
  CHECK(late.status == 1);
  CHECK_THAT(late.err, Catch::StartsWith("goemu frames: the program exited with status 0 at step "));
  const Captured chrome = Goemu({"run", "--trace", "--format", "chrome", "--diagrams-at", "call", "programs/mcall.s"});
  CHECK(chrome.status == 1);
  CHECK(chrome.err == "goemu run: --diagrams-at needs --format text or jsonl\n");
}

}  // namespace
}  // namespace goemu::trace::golden
