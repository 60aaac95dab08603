// The writers' cached call/return text and fixed-width columns against their uncached
// path: each line a long-lived writer prints (cache hits, slots replaced by a colliding key,
// text too long to keep, values too wide for their column) must equal the line a fresh
// writer prints for that event alone.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "tests/trace/test_program.h"
#include "trace/jsonl_writer.h"
#include "trace/output_buffer.h"
#include "trace/text_writer.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

const std::string kLongName(230, 'x');  // a call's text is then longer than a slot keeps

std::string LongNameProgram() {
  return fmt::format(R"(#include "textflag.h"
TEXT main·leaf(SB), NOSPLIT, $0-0
	RET
TEXT main·{0}(SB), NOSPLIT, $0-0
	RET
TEXT main·main(SB), NOSPLIT, $0-0
	CALL main·leaf(SB)
	CALL main·{0}(SB)
	RET
)",
                     kLongName);
}

Event Flow(EventKind kind, uint64_t step, uint32_t depth, std::string_view stack, uint32_t from, uint32_t to,
           uint64_t pc, uint64_t next_pc, uint64_t site) {
  Event e;
  e.kind = kind;
  e.step = step;
  e.depth = depth;
  e.stack = stack;
  e.from_func = from;
  e.to_func = to;
  e.pc = pc;
  e.next_pc = next_pc;
  e.site = site;
  e.sp = 0xc000041f58;
  e.goid = 1;
  return e;
}

// The events: repeats, keys that share a slot (same addresses, other functions), a name too
// long to keep, and steps, depths and stack names at and past their columns' widths.
std::vector<Event> Events(const TestProgram& p) {
  const uint32_t main = p.code->Lookup(p.Addr("main.main")).func;
  const uint32_t leaf = p.code->Lookup(p.Addr("main.leaf")).func;
  const uint32_t longer = p.code->Lookup(p.Addr("main." + kLongName)).func;
  const uint64_t call_leaf = p.Addr("main.main"), call_long = call_leaf + 5, after = call_leaf + 10;
  std::vector<Event> events;
  for (int i = 0; i < 3; ++i) {
    events.push_back(Flow(EventKind::kCall, 5 + i, 2, "g1", main, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
    events.push_back(Flow(EventKind::kReturn, 6 + i, 1, "g1", leaf, main, p.Addr("main.leaf"), call_long, call_long));
  }
  events.push_back(Flow(EventKind::kCall, 9, 2, "g1", leaf, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
  events.push_back(Flow(EventKind::kCall, 10, 2, "g1", main, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
  events.push_back(Flow(EventKind::kTailJump, 11, 2, "g1", main, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
  for (int i = 0; i < 2; ++i) {
    events.push_back(Flow(EventKind::kCall, 12 + i, 2, "g1", main, longer, call_long, p.Addr("main." + kLongName),
                          call_long));
    events.push_back(Flow(EventKind::kReturn, 14 + i, 1, "g1", longer, main, p.Addr("main." + kLongName), after,
                          after));
  }
  for (const uint64_t step : {uint64_t{9'999'999'999}, uint64_t{10'000'000'000}, ~uint64_t{0}}) {
    events.push_back(Flow(EventKind::kCall, step, 3, "g1", main, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
  }
  for (const uint32_t depth : {0u, 32u, 33u, 9'999u, 10'000u, 123'456u}) {
    events.push_back(Flow(EventKind::kReturn, 20, depth, "g1", leaf, main, p.Addr("main.leaf"), call_long, call_long));
  }
  for (const std::string_view stack : {"", "g1234567", "gsignal", "process stack"}) {
    events.push_back(Flow(EventKind::kCall, 21, 2, stack, main, leaf, call_leaf, p.Addr("main.leaf"), call_leaf));
  }
  Event exit;
  exit.kind = EventKind::kExit;
  exit.step = 30;
  exit.stack = "g1";
  events.push_back(exit);
  return events;
}

template <typename Writer>
void CheckAgainstFreshWriters() {
  const TestProgram p(LongNameProgram());
  const std::vector<Event> events = Events(p);
  std::string cached;
  OutputBuffer cached_out(&cached);
  Writer writer(*p.code, cached_out);
  // What a fresh writer makes of one event (none: only what it writes for no event at all).
  auto fresh_text = [&p](const Event* e) {
    std::string text;
    {
      OutputBuffer out(&text);
      Writer fresh(*p.code, out);
      if (e != nullptr) fresh.OnEvent(*e, p.machine);
      fresh.Finish();
    }
    return text;
  };
  const std::string header = fresh_text(nullptr);
  std::string expected;
  for (const Event& e : events) {
    expected += fresh_text(&e).substr(header.size());
    writer.OnEvent(e, p.machine);
  }
  writer.Finish();
  CHECK(cached == header + expected);
}

TEST_CASE("text: cached call and return text equals a fresh writer's, line for line", "[writers]") {
  CheckAgainstFreshWriters<TextWriter>();
}

TEST_CASE("jsonl: cached call and return text equals a fresh writer's, line for line", "[writers]") {
  CheckAgainstFreshWriters<JsonlWriter>();
}

TEST_CASE("text: the columns as `{:>10} {:<7} {:>4}`, at and past their widths", "[writers]") {
  const TestProgram p(LongNameProgram());
  for (const Event& e : Events(p)) {
    std::string line;
    {
      OutputBuffer out(&line);
      TextWriter writer(*p.code, out);
      writer.OnEvent(e, p.machine);
      writer.Finish();
    }
    const std::string columns = fmt::format("{:>10} {:<7} {:>4} ", e.step, e.stack, e.depth);
    INFO(line);
    CHECK(line.starts_with(columns + std::string(2 * std::min(e.depth, 32u), ' ')));
    CHECK(line[columns.size() + 2 * std::min(e.depth, 32u)] != ' ');
  }
}

}  // namespace
}  // namespace goemu::trace
