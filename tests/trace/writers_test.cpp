#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <csignal>
#include <map>
#include <unistd.h>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"
#include "trace/chrome_writer.h"
#include "trace/frame_tracer.h"
#include "trace/jsonl_writer.h"
#include "trace/output_buffer.h"
#include "trace/text_writer.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

template <typename Writer>
std::string TraceOf(std::string_view source, bool fake_runtime = false) {
  TestProgram p(source);
  if (fake_runtime) p.InstallFakeRuntime(true);
  std::string captured;
  {
    OutputBuffer out(&captured);
    Writer writer(*p.code, out);
    RuntimeView view;
    FrameTracer tracer(*p.code, view, p.memory, writer);
    tracer.Start(p.machine);
    p.machine.SetObserver(&tracer);
    p.RunToInsn("main.main", "MOVQ $1");
    writer.Finish();
  }
  return captured;
}

TEST_CASE("text format: one indented, symbolized line per event", "[writers]") {
  const std::string text = TraceOf<TextWriter>(testing::kCallsProgram);
  // main.main: SUBQ(4) MOVQ BP(5) LEAQ(5) MOVQ $7(8), so its CALL (step 5) is at +22.
  // main.mid: the same 14-byte prologue, MOVQ x+40(FP)(5), MOVQ AX,(SP)(4): CALL at +23
  // (step 11); leaf's MOVQ and RET are steps 12-13; mid's PUSHQ, POPQ, BP restore, ADDQ
  // and RET are steps 14-18.
  CHECK(text ==
        "         5 stack      2     call main.mid <- main.main+22\n"
        "        11 stack      3       call main.leaf <- main.mid+23\n"
        "        13 stack      2     return main.leaf -> main.mid+28\n"
        "        18 stack      1   return main.mid -> main.main+27\n");
}

TEST_CASE("jsonl format: header, then the documented fields per event", "[writers]") {
  const std::string text = TraceOf<JsonlWriter>(testing::kSwitchProgram, true);
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; start = nl + 1, nl = text.find('\n', start)) {
    lines.push_back(nlohmann::json::parse(text.substr(start, nl - start)));
  }
  REQUIRE(lines.size() > 5);
  CHECK(lines[0] == nlohmann::json{{"format", "goemu-trace"}, {"version", 1}});
  for (size_t i = 1; i < lines.size(); ++i) {
    for (const char* key : {"step", "event", "pc", "fn", "sp", "g", "stack", "depth"}) {
      INFO(lines[i].dump() << " lacks " << key);
      CHECK(lines[i].contains(key));
    }
  }
  const nlohmann::json& call = lines[1];
  CHECK(call["event"] == "call");
  CHECK(call["from"] == "main.main");
  CHECK(call["to"] == "main.switcher");
  CHECK(call["fn"] == "main.switcher");
  CHECK(call["g"] == 0);
  CHECK(call["stack"] == "g0");
  CHECK(call["depth"] == 2);
  CHECK(call["site"] == "main.main+14");  // after main's 14-byte prologue
  // The first g-switch (in switcher) makes g1 current; the stack switch follows.
  auto find = [&](std::string_view event) {
    for (const auto& l : lines) {
      if (l.value("event", "") == event) return l;  // the header line has no "event"
    }
    FAIL("no " << event);
    return nlohmann::json();
  };
  const nlohmann::json gs = find("g-switch");
  CHECK(gs["g"] == 1);
  CHECK(gs["old_g"] == 0);
  const nlohmann::json ss = find("stack-switch");
  CHECK(ss["stack"] == "g1");
  CHECK(ss["from_stack"] == "g0");
  CHECK(ss["sp"] == fmt::format("{:#x}", testing::kAltStackBase + testing::kAltStackSize - 8));
}

TEST_CASE("a reader that goes away stops the output quietly", "[writers]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  ::signal(SIGPIPE, SIG_IGN);
  OutputBuffer out(fds[1], true);
  out.Append(std::string(100000, 'x'));
  out.Flush();
  CHECK(out.broken());
}

}  // namespace
}  // namespace goemu::trace

namespace goemu::trace {
namespace {

TEST_CASE("chrome format: Trace Event Format fields, one track per stack, nested slices", "[writers]") {
  const std::string text = TraceOf<ChromeWriter>(testing::kSwitchProgram, true);
  const nlohmann::json doc = nlohmann::json::parse(text);
  REQUIRE(doc.contains("traceEvents"));
  const auto& events = doc["traceEvents"];
  REQUIRE(events.is_array());
  std::map<int, std::vector<std::string>> open;  // per tid, the B names not yet ended
  std::map<int, std::string> track_names;
  int instants = 0;
  for (const auto& e : events) {
    // Required by the Trace Event Format for every event.
    for (const char* key : {"name", "ph", "ts", "pid", "tid"}) {
      INFO(e.dump() << " lacks " << key);
      REQUIRE(e.contains(key));
    }
    REQUIRE(e["ts"].is_number_unsigned());
    const std::string ph = e["ph"];
    const int tid = e["tid"];
    if (ph == "M" && e["name"] == "thread_name") track_names[tid] = e["args"]["name"];
    if (ph == "B") open[tid].push_back(e["name"]);
    if (ph == "E") {
      REQUIRE_FALSE(open[tid].empty());
      CHECK(open[tid].back() == e["name"]);  // E closes the innermost open slice
      open[tid].pop_back();
    }
    if (ph == "i") {
      ++instants;
      CHECK(e["s"] == "t");
    }
  }
  for (const auto& [tid, names] : open) CHECK(names.empty());
  CHECK(track_names.size() == 2);
  CHECK(track_names[1] == "g0");
  CHECK(track_names[2] == "g1");
  CHECK(instants == 8);  // 4 g-switches and 4 stack-switches
}

}  // namespace
}  // namespace goemu::trace
