// go_asm.h as generated from layout.inc / constants.inc: every name and value that
// runtime-model.md §1.6 gives for go1.13 must appear exactly once with exactly that value.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "runtime_model/go_asm_h.h"

namespace {

// Transcribed from /work/shared/docs/runtime-model.md §1.6 (go1.13 values).
const std::pair<const char*, uint64_t> kDocumentedNames[] = {
    {"stack_lo", 0},         {"stack_hi", 8},           {"g_stack", 0},
    {"g_stackguard0", 16},   {"g_stackguard1", 24},     {"g__panic", 32},
    {"g__defer", 40},        {"g_m", 48},               {"g_sched", 56},
    {"g_syscallsp", 112},    {"g_syscallpc", 120},      {"g_stktopsp", 128},
    {"g_param", 136},        {"g_atomicstatus", 144},   {"g_goid", 152},
    {"gobuf_sp", 0},         {"gobuf_pc", 8},           {"gobuf_g", 16},
    {"gobuf_ctxt", 24},      {"gobuf_ret", 32},         {"gobuf_lr", 40},
    {"gobuf_bp", 48},        {"gobuf__size", 56},       {"funcval_fn", 0},
    {"_defer_siz", 0},       {"_defer_started", 4},     {"_defer_heap", 5},
    {"_defer_sp", 8},        {"_defer_pc", 16},         {"_defer_fn", 24},
    {"_defer__panic", 32},   {"_defer_link", 40},       {"const__StackGuard", 880},
    {"m_g0", 0},             {"m_morebuf", 8},          {"m_procid", 72},
    {"m_gsignal", 80},       {"m_goSigStack", 88},      {"m_sigmask", 128},
    {"m_tls", 136},          {"m_mstartfn", 184},       {"m_curg", 192},
    {"m_p", 208},            {"m_nextp", 216},          {"m_oldp", 224},
    {"m_id", 232},           {"m_vdsoSP", 816},         {"m_vdsoPC", 824},
    {"p_runqhead", 1496},    {"p_runqtail", 1500},      {"p_runq", 1504},
    {"p_runnext", 3552},     {"_panic_argp", 0},        {"_panic_arg", 8},
    {"_panic_link", 24},     {"const__StackSmall", 128}, {"const__StackMin", 2048},
};

// name -> (value text, how many times it is defined)
std::map<std::string, std::pair<std::string, int>> ParseDefines(const std::string& text) {
  std::map<std::string, std::pair<std::string, int>> defs;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("//", 0) == 0) continue;
    std::istringstream words(line);
    std::string directive, name, value, extra;
    words >> directive >> name >> value;
    INFO("line: " << line);
    REQUIRE(directive == "#define");
    REQUIRE_FALSE(value.empty());
    REQUIRE_FALSE(words >> extra);
    auto& slot = defs[name];
    slot.first = value;
    ++slot.second;
  }
  return defs;
}

}  // namespace

TEST_CASE("go_asm.h defines every go1.13 name of runtime-model.md 1.6 with its value") {
  const auto defs = ParseDefines(goemu::rt::GoAsmHeader());
  for (const auto& [name, value] : kDocumentedNames) {
    INFO(name);
    auto it = defs.find(name);
    REQUIRE(it != defs.end());
    CHECK(it->second.first == std::to_string(value));
    CHECK(it->second.second == 1);
  }
}

TEST_CASE("go_asm.h defines every name once") {
  for (const auto& [name, def] : ParseDefines(goemu::rt::GoAsmHeader())) {
    INFO(name);
    CHECK(def.second == 1);
  }
}

TEST_CASE("go_asm.h carries struct sizes, stack constants and service numbers") {
  const auto defs = ParseDefines(goemu::rt::GoAsmHeader());
  const std::pair<const char*, const char*> expected[] = {
      {"g__size", "376"},           {"m__size", "840"},
      {"_defer__size", "48"},       {"_panic__size", "40"},
      {"stack__size", "16"},        {"const__StackGuard", "880"},
      {"const__StackLimit", "752"}, {"const_stackPreempt", "18446744073709550302"},
      {"const__Grunning", "2"},     {"const__Gdead", "6"},
      {"const_goemuSvcStackalloc", "65536"},
  };
  for (const auto& [name, value] : expected) {
    INFO(name);
    REQUIRE(defs.count(name) == 1);
    CHECK(defs.at(name).first == value);
  }
  // textflags belong to textflag.h, not go_asm.h.
  CHECK(defs.count("const_NOSPLIT") == 0);
}

TEST_CASE("the go_asm.h the build generated is GoAsmHeader()") {
  std::ifstream in(GOEMU_RUNTIME_GEN_DIR "/go_asm.h", std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(text.str() == goemu::rt::GoAsmHeader());
}

TEST_CASE("textflag.h matches Go's values for every flag go1.13 had") {
  const auto ours = ParseDefines(goemu::rt::TextflagHeader());
  REQUIRE(ours.size() == 11);
  std::ifstream in("/usr/lib/go-1.19/pkg/include/textflag.h");
  if (!in) {
    // Go is a cross-check tool here, not a build dependency (make test does not install it).
    WARN("golang-1.19-go is not installed: textflag.h not compared with Go's");
    return;
  }
  std::string line;
  int compared = 0;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string directive, name, value;
    if (!(words >> directive >> name >> value) || directive != "#define") continue;
    auto it = ours.find(name);
    if (it == ours.end()) continue;  // a flag newer than go1.13 (ABIWRAPPER)
    INFO(name);
    CHECK(it->second.first == value);
    ++compared;
  }
  CHECK(compared == 11);
}
