// Unit tests of the golden-corpus machinery itself: the `go tool asm -S` listing parser, the
// goemu JSON reader and the masked comparison. Real Go 1.19 output, trimmed.
#include <catch2/catch.hpp>

#include "tests/asm_golden/compare.h"
#include "tests/asm_golden/goemu_json.h"
#include "tests/asm_golden/golden_listing.h"

using namespace goemu::asm_golden;

namespace {

// go tool asm -p main -S of a NOSPLIT leaf with a TLS load, a function with a frame and a CALL,
// and a file-static data symbol whose last 4 bytes were never written.
constexpr const char* kListing =
    "\"\".f STEXT nosplit asm size=18 args=0x8 locals=0x0 funcid=0x0 align=0x0\n"
    "\t0x0000 00000 (t.s:4)\tTEXT\t\"\".f(SB), NOSPLIT, $0-8\n"
    "\t0x0000 00000 (t.s:4)\tFUNCDATA\t$5, \"\".f.arginfo0(SB)\n"
    "\t0x0000 00000 (t.s:5)\tMOVQ\tAX, BX\n"
    "\t0x0003 00003 (t.s:6)\tNOP\n"
    "\t0x0003 00003 (t.s:7)\tMOVQ\t(TLS), AX\n"
    "\t0x000c 00012 (t.s:8)\tMOVQ\tx+8(FP), AX\n"
    "\t0x0011 00017 (t.s:9)\tRET\n"
    "\t0x0000 48 89 c3 64 48 8b 04 25 00 00 00 00 48 8b 44 24  H..dH..%....H.D$\n"
    "\t0x0010 08 c3                                            ..\n"
    "\trel 8+4 t=15 TLS+0\n"
    "\"\".g STEXT asm size=21 args=0x8 locals=0x10 funcid=0x0 align=0x0\n"
    "\t0x0000 00000 (t.s:10)\tTEXT\t\"\".g(SB), $16-8\n"
    "\t0x0000 00000 (t.s:10)\tSUBQ\t$16, SP\n"
    "\t0x0004 00004 (t.s:11)\tCALL\t\"\".f(SB)\n"
    "\t0x0009 00009 (t.s:12)\tLEAQ\tsym<>(SB), AX\n"
    "\t0x0010 00016 (t.s:13)\tADDQ\t$16, SP\n"
    "\t0x0014 00020 (t.s:13)\tRET\n"
    "\t0x0015 00021 (t.s:13)\tPCDATA\t$0, $-1\n"
    "\t0x0000 48 83 ec 10 e8 00 00 00 00 48 8d 05 00 00 00 00  H........H......\n"
    "\t0x0010 48 83 c4 10 c3                                   H....\n"
    "\trel 5+4 t=7 \"\".f+0\n"
    "\trel 12+4 t=14 sym+0\n"
    "sym SRODATA static size=16\n"
    "\t0x0000 01 00 00 00 00 00 00 00 61 62 63 64              ........abcd\n";

AsmListing ParseOrFail(const char* text) {
  auto parsed = ParseGoListing(text, "main");
  INFO(parsed.error);
  REQUIRE(parsed.ok());
  return *parsed.value;
}

std::vector<uint8_t> Bytes(std::initializer_list<int> list) {
  std::vector<uint8_t> out;
  for (int b : list) out.push_back(static_cast<uint8_t>(b));
  return out;
}

}  // namespace

TEST_CASE("golden listing: symbols, names, kinds and sizes") {
  const AsmListing listing = ParseOrFail(kListing);
  REQUIRE(listing.symbols.size() == 3);
  CHECK(listing.symbols[0].name == "main.f");
  CHECK(listing.symbols[0].is_text);
  CHECK(listing.symbols[0].size == 18);
  CHECK(listing.symbols[1].name == "main.g");
  CHECK(listing.symbols[1].size == 21);
  CHECK(listing.symbols[2].name == "sym<>");
  CHECK_FALSE(listing.symbols[2].is_text);
  CHECK(listing.symbols[0].args == 8);
  CHECK(listing.symbols[0].frame == 0);
  CHECK(listing.symbols[0].attrs == std::set<std::string>{"nosplit"});
  CHECK(listing.symbols[1].frame == 16);
  CHECK(listing.symbols[1].attrs.empty());
  CHECK_FALSE(listing.symbols[2].frame.has_value());
  CHECK(listing.symbols[2].attrs == std::set<std::string>{"rodata"});
  CHECK(listing.Find("sym<>") == &listing.symbols[2]);
  CHECK(listing.Find("main.h") == nullptr);
}

TEST_CASE("golden listing: the hex dump is split at the listed offsets") {
  const AsmListing listing = ParseOrFail(kListing);
  const AsmSymbol& f = listing.symbols[0];
  REQUIRE(f.insns.size() == 7);
  CHECK(f.insns[0].bytes.empty());  // TEXT
  CHECK(f.insns[1].bytes.empty());  // FUNCDATA
  CHECK(f.insns[2].bytes == Bytes({0x48, 0x89, 0xc3}));
  CHECK(f.insns[2].text == "MOVQ AX, BX");
  CHECK(f.insns[2].line == 5);
  CHECK(f.insns[3].bytes.empty());  // get_tls's NOP shares offset 3 with the load
  CHECK(f.insns[4].off == 3);
  CHECK(f.insns[4].bytes == Bytes({0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0}));
  CHECK(f.insns[5].bytes == Bytes({0x48, 0x8b, 0x44, 0x24, 0x08}));
  CHECK(f.insns[6].bytes == Bytes({0xc3}));
  CHECK(f.insns[6].line == 9);
  REQUIRE(f.relocs.size() == 1);
  CHECK(f.relocs[0].off == 8);
  CHECK(f.relocs[0].size == 4);
  CHECK(f.relocs[0].type == "15");
  CHECK(f.relocs[0].sym == "TLS+0");
}

TEST_CASE("golden listing: a trailing pseudo-instruction owns no bytes, relocs keep names") {
  const AsmListing listing = ParseOrFail(kListing);
  const AsmSymbol& g = listing.symbols[1];
  REQUIRE(g.insns.size() == 7);
  CHECK(g.insns[4].bytes == Bytes({0x48, 0x83, 0xc4, 0x10}));
  CHECK(g.insns[5].bytes == Bytes({0xc3}));
  CHECK(g.insns[6].off == 21);  // a PCDATA after the last instruction sits at the symbol's end
  CHECK(g.insns[6].bytes.empty());
  REQUIRE(g.relocs.size() == 2);
  CHECK(g.relocs[0].sym == "main.f+0");
  CHECK(g.relocs[1].off == 12);
}

TEST_CASE("golden listing: header words become attributes, unknown args become kArgsUnknown") {
  const AsmListing listing = ParseOrFail(
      "\"\".p STEXT dupok nosplit topframe asm size=1 args=0xffffffff80000000 locals=0x0\n"
      "\t0x0000 00000 (t.s:2)\tRET\n"
      "\t0x0000 c3                                               .\n"
      "\"\".n SNOPTRBSS dupok size=24\n"
      "\"\".t STLSBSS size=8\n");
  REQUIRE(listing.symbols.size() == 3);
  CHECK(listing.symbols[0].args == kArgsUnknown);
  CHECK(listing.symbols[0].attrs == std::set<std::string>{"dupok", "nosplit", "topframe"});
  CHECK(listing.symbols[1].attrs == std::set<std::string>{"dupok", "noptr"});
  CHECK(listing.symbols[1].data == std::optional(std::vector<uint8_t>(24, 0)));
  CHECK(listing.symbols[2].attrs == std::set<std::string>{"tlsbss"});
}

TEST_CASE("golden listing: data is zero-padded to the symbol size") {
  const AsmListing listing = ParseOrFail(kListing);
  const AsmSymbol& sym = listing.symbols[2];
  REQUIRE(sym.data.has_value());
  CHECK(*sym.data == Bytes({1, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c', 'd', 0, 0, 0, 0}));
}

TEST_CASE("golden listing: malformed input is an error, not a partial listing") {
  CHECK_FALSE(ParseGoListing("\t0x0000 00000 (t.s:1)\tRET\n", "main").ok());
  CHECK_FALSE(ParseGoListing("\"\".f STEXT size=2\n\t0x0000 c3\n", "main").ok());  // dump too short
  CHECK_FALSE(ParseGoListing("\"\".f STEXT size=1\n\tgarbage\n", "main").ok());
  auto bad_order = ParseGoListing(
      "\"\".f STEXT size=1\n\t0x0000 c3  .\n\t0x0000 00000 (t.s:1)\tRET\n", "main");
  CHECK_FALSE(bad_order.ok());
  CHECK(bad_order.error.find("line 3") != std::string::npos);
}

TEST_CASE("goemu json: symbols, instructions, relocations and data") {
  auto parsed = ParseGoemuJson(R"({"symbols":[
      {"name":"main.f","size":4,"frame":0,"args":8,"flags":4,
       "insns":[{"off":0,"hex":"","text":"TEXT main.f(SB), NOSPLIT, $0-8","line":4},
                {"off":0,"hex":"4889C3","text":"MOVQ AX, BX","line":5},
                {"off":3,"hex":"c3","text":"RET","line":6}],
       "relocs":[{"off":1,"size":2,"type":"R_PCREL","sym":"x"}]},
      {"name":"d<>","size":8,"frame":0,"args":-1,"flags":8,"insns":[],"relocs":[],"data":"0102"}]})");
  INFO(parsed.error);
  REQUIRE(parsed.ok());
  const AsmListing& listing = *parsed.value;
  REQUIRE(listing.symbols.size() == 2);
  const AsmSymbol& f = listing.symbols[0];
  CHECK(f.is_text);
  REQUIRE(f.insns.size() == 3);
  CHECK(f.insns[1].bytes == Bytes({0x48, 0x89, 0xc3}));
  CHECK(f.insns[2].off == 3);
  CHECK(f.insns[2].line == 6);
  REQUIRE(f.relocs.size() == 1);
  CHECK(f.relocs[0].type == "R_PCREL");
  CHECK(f.frame == 0);
  CHECK(f.args == 8);
  CHECK(f.attrs == std::set<std::string>{"nosplit"});
  CHECK_FALSE(listing.symbols[1].is_text);
  CHECK(listing.symbols[1].data == std::optional(Bytes({1, 2})));
  CHECK(listing.symbols[1].attrs == std::set<std::string>{"rodata"});

  CHECK_FALSE(ParseGoemuJson("{\"symbols\":[{\"name\":\"f\"}]}").ok());
  CHECK_FALSE(ParseGoemuJson("not json").ok());
  CHECK_FALSE(DecodeHex("abc").has_value());
  CHECK_FALSE(DecodeHex("zz").has_value());
}

TEST_CASE("comparison: identical output passes, every kind of difference is reported") {
  const AsmListing go = ParseOrFail(kListing);

  SECTION("identical") {
    const Comparison c = CompareListings(go, go, "t.s");
    CHECK(c.ok());
    CHECK(c.insns_compared == 9);  // 4 in f, 5 in g
    CHECK(c.insns_equal == 9);
  }
  SECTION("relocated bytes are masked, on either side's relocations") {
    AsmListing emu = go;
    emu.symbols[0].insns[4].bytes[5] = 0xf8;    // TLS offset resolved to -8 by goemu
    emu.symbols[1].insns[2].bytes[3] = 0x44;    // inside Go's R_CALL field
    emu.symbols[1].insns[4].bytes[0] = 0x90;    // covered only by goemu's own reloc
    emu.symbols[1].relocs.push_back({16, 1, "R_ADDR", "x"});
    CHECK(CompareListings(go, emu, "t.s").ok());
  }
  SECTION("a wrong byte outside relocations") {
    AsmListing emu = go;
    emu.symbols[0].insns[2].bytes[0] = 0x49;
    const Comparison c = CompareListings(go, emu, "t.s");
    REQUIRE(c.problems.size() == 1);
    CHECK(c.insns_equal == 8);
    CHECK(c.differing_mnemonics == std::vector<std::string>{"MOVQ"});
    CHECK(c.problems[0] == "main.f+0x0000  t.s:5  MOVQ AX, BX\n"
                           "    go     48 89 c3\n"
                           "    goemu  49 89 c3\n");
  }
  SECTION("a shorter encoding shifts offsets and is reported at both") {
    AsmListing emu = go;
    AsmSymbol& f = emu.symbols[0];
    f.insns[2].bytes = Bytes({0x89, 0xc3});
    for (size_t i = 3; i < f.insns.size(); ++i) f.insns[i].off -= 1;
    f.size -= 1;
    const Comparison c = CompareListings(go, emu, "t.s");
    CHECK_FALSE(c.ok());
    CHECK(c.insns_equal == 5);  // only g's instructions
    CHECK(c.problems[0] == "main.f: size go=18 goemu=17");
  }
  SECTION("frame, args and attributes must match") {
    AsmListing emu = go;
    emu.symbols[1].frame = 8;
    emu.symbols[1].args = kArgsUnknown;
    emu.symbols[0].attrs.clear();
    emu.symbols[2].attrs = {"noptr"};
    const Comparison c = CompareListings(go, emu, "t.s");
    REQUIRE(c.problems.size() == 4);
    CHECK(c.problems[0] == "main.f: attributes go=[nosplit] goemu=[]");
    CHECK(c.problems[1] == "main.g: frame (locals) go=16 goemu=8");
    CHECK(c.problems[2] == "main.g: args go=8 goemu=-1");
    CHECK(c.problems[3] == "sym<>: attributes go=[rodata] goemu=[noptr]");
  }
  SECTION("the source line must match") {
    AsmListing emu = go;
    emu.symbols[0].insns[6].line = 10;
    const Comparison c = CompareListings(go, emu, "t.s");
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].find("(line 10 differs: RET)") != std::string::npos);
  }
  SECTION("missing and extra symbols, and data contents") {
    AsmListing emu = go;
    emu.symbols.erase(emu.symbols.begin());
    emu.symbols.push_back({"main.extra", true, 1, {}, std::nullopt, {}});
    (*emu.symbols[1].data)[8] = 'x';
    const Comparison c = CompareListings(go, emu, "t.s");
    REQUIRE(c.problems.size() == 3);
    CHECK(c.problems[0] == "main.f: missing from goemu's output");
    CHECK(c.problems[1].starts_with("sym<>: data differs"));
    CHECK(c.problems[2] == "main.extra: goemu emits it, Go does not");
  }
  SECTION("goemu may leave out the zero tail of data, not non-zero bytes") {
    AsmListing emu = go;
    emu.symbols[2].data->resize(12);
    CHECK(CompareListings(go, emu, "t.s").ok());
    emu.symbols[2].data->resize(11);
    const Comparison c = CompareListings(go, emu, "t.s");
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0] == "sym<>: data differs\n"
                           "    go     01 00 00 00 00 00 00 00 61 62 63 64 00 00 00 00\n"
                           "    goemu  01 00 00 00 00 00 00 00 61 62 63 00 00 00 00 00\n");
  }
  SECTION("data without contents in goemu's output is counted, not compared") {
    AsmListing emu = go;
    emu.symbols[2].data.reset();
    const Comparison c = CompareListings(go, emu, "t.s");
    CHECK(c.ok());
    CHECK(c.data_unchecked == 1);
  }
}

TEST_CASE("comparison: the report names the file, the counts and the differing mnemonics") {
  const AsmListing go = ParseOrFail(kListing);
  AsmListing emu = go;
  emu.symbols[0].insns[2].bytes[0] = 0x49;  // MOVQ AX, BX
  emu.symbols[1].insns[4].bytes[3] = 0x20;  // ADDQ $16, SP
  emu.symbols[1].insns[5].bytes[0] = 0xc2;  // RET
  const std::string report = CompareListings(go, emu, "t.s").Render("t.s", 1);
  INFO(report);
  CHECK(report.starts_with("t.s: 6 of 9 instructions identical, 3 problem(s)\n"
                           "differing mnemonics: ADDQx1 MOVQx1 RETx1\n"
                           "main.f+0x0000  t.s:5  MOVQ AX, BX\n"));
  CHECK(report.ends_with("... and 2 more\n"));
}
