#include "trace/diagram_svg.h"

#include <catch2/catch.hpp>

#include <regex>
#include <vector>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"
#include "trace/diagram.h"

namespace goemu::trace {
namespace {

using testing::TestProgram;

// A small well-formedness check: one root, every element closed in order, attribute values
// quoted, text free of raw '<' and of '&' outside the five XML entities. Returns "" or why not.
std::string XmlProblem(const std::string& xml) {
  static const std::regex kTag(R"(<(/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(/?)>)");
  static const std::regex kEntity(R"(&(amp|lt|gt|quot|apos);)");
  std::vector<std::string> open;
  size_t pos = xml.find("?>");
  if (!xml.starts_with("<?xml") || pos == std::string::npos) return "no XML declaration";
  pos += 2;
  int roots = 0;
  while (pos < xml.size()) {
    const size_t lt = xml.find('<', pos);
    const std::string text = xml.substr(pos, (lt == std::string::npos ? xml.size() : lt) - pos);
    for (size_t amp = text.find('&'); amp != std::string::npos; amp = text.find('&', amp + 1)) {
      if (!std::regex_search(text.substr(amp, 6), kEntity, std::regex_constants::match_continuous)) {
        return "bare & in text: " + text;
      }
    }
    if (lt == std::string::npos) break;
    std::smatch m;
    const std::string rest = xml.substr(lt, 4096);
    if (!std::regex_search(rest, m, kTag, std::regex_constants::match_continuous)) {
      return "malformed tag at " + rest.substr(0, 60);
    }
    const std::string name = m[2];
    if (m[1] == "/") {
      if (open.empty() || open.back() != name) return "unbalanced </" + name + ">";
      open.pop_back();
    } else {
      if (open.empty() && ++roots > 1) return "more than one root";
      if (m[4] != "/") open.push_back(name);
    }
    pos = lt + m.length(0);
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

TEST_CASE("the XML check itself rejects broken documents", "[svg]") {
  CHECK(XmlProblem("<?xml version=\"1.0\"?><svg><text>a &amp; b</text></svg>").empty());
  CHECK(!XmlProblem("<?xml version=\"1.0\"?><svg><text>a & b</text></svg>").empty());
  CHECK(!XmlProblem("<?xml version=\"1.0\"?><svg><text>a</svg>").empty());
  CHECK(!XmlProblem("<?xml version=\"1.0\"?><svg x=1></svg>").empty());
}

TEST_CASE("SVG diagram: well-formed, the same rows as the ASCII one, labels escaped", "[svg]") {
  TestProgram p(testing::kDeferProgram);
  p.RunToInsn("main.jmpdefer", "JMP");
  RuntimeView view;
  const MachineDiagram d = BuildDiagram(*p.code, view, p.machine, DiagramOptions{});
  const std::string svg = RenderSvg(d);
  INFO(svg);
  CHECK(XmlProblem(svg).empty());
  CHECK_THAT(svg, Catch::Contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  const uint64_t call = p.InsnAddr("main.main", "CALL");
  const uint64_t slot = p.sp();
  // The rewritten return slot: address, value, symbolized target with its instruction, SP arrow.
  CHECK_THAT(svg, Catch::Contains(fmt::format(">{:#x}</text>", slot)));
  CHECK_THAT(svg, Catch::Contains(fmt::format(">{:#x}</text>", call)));
  CHECK_THAT(svg, Catch::Contains(fmt::format(">ret main.main+{} (CALL main.deferreturn(SB))</text>",
                                              call - p.Addr("main.main"))));
  CHECK_THAT(svg, Catch::Contains("SP</text>"));
  CHECK_THAT(svg, Catch::Contains(">fv+0(FP)</text>"));
  // Every row of the model is drawn once.
  size_t rows = 0;
  for (const DiagramFrame& f : d.stacks.front().frames) rows += f.rows.size();
  size_t drawn = 0;  // row boxes are the rectangles with the light grey outline
  for (size_t at = svg.find("stroke=\"#aaa\""); at != std::string::npos; at = svg.find("stroke=\"#aaa\"", at + 1)) {
    ++drawn;
  }
  CHECK(drawn == rows);
}

TEST_CASE("all stacks: the one SP is on first, then the other g's from their sched", "[diagram]") {
  TestProgram p(testing::kSwitchProgram);
  p.InstallFakeRuntime(true);
  p.RunTo("main.fn");  // on g1's stack, g0 parked in switcher
  const RuntimeLayout layout;
  // g0's sched: where switcher left main's stack (the fake runtime does not save it).
  const uint64_t g0 = p.Addr("main.g0");
  const uint64_t saved_sp = p.Read64(p.Addr("main.savedsp"));
  p.Poke64(g0 + layout.g_sched + layout.gobuf_sp, saved_sp);
  p.Poke64(g0 + layout.g_sched + layout.gobuf_pc, p.InsnAddr("main.switcher", "LEAQ main.g0"));
  RuntimeView view;
  DiagramOptions options;
  options.all_stacks = true;
  const MachineDiagram d = BuildDiagram(*p.code, view, p.machine, options);
  REQUIRE(d.stacks.size() == 2);
  CHECK(d.current_name == "g1");
  CHECK(d.stacks[0].name == "g1");
  CHECK(d.stacks[0].live);
  CHECK_FALSE(d.stacks[0].is_g0);
  CHECK(d.stacks[1].name == "g0");
  CHECK_FALSE(d.stacks[1].live);
  CHECK(d.stacks[1].is_g0);
  CHECK(d.stacks[1].sp == saved_sp);
  REQUIRE(!d.stacks[1].frames.empty());
  CHECK(d.stacks[1].frames.back().title.starts_with("main.switcher "));
  CHECK(d.stacks[1].frames.front().title.starts_with("main.main "));
  const std::string ascii = RenderAscii(d);
  CHECK_THAT(ascii, Catch::Contains("stack g1 ["));
  CHECK_THAT(ascii, Catch::Contains(fmt::format("sched.pc main.switcher+")));
  CHECK(ascii.find("stack g1 [") < ascii.find("stack g0 ["));
}

}  // namespace
}  // namespace goemu::trace
