// Branch relaxation (span6 rules), pseudo-register rewriting with PUSH/POP tracking, per
// instruction SP deltas and FP names, and DATA/GLOBL layout.
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {
namespace {

std::string Repeat(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "\t" + line + "\n";
  return out;
}

}  // namespace

TEST_CASE("forward branches stay short up to +127 and become near past it", "[relax]") {
  // JEQ over n one-byte CLDs: displacement n.
  for (auto [n, expect] : {std::pair{127, "74 7f"}, std::pair{128, "0f 84 80 00 00 00"}}) {
    const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $0-0\n\tJEQ out\n" + Repeat("CLD", n) + "out:\n\tRET\n"), "main.f");
    CAPTURE(n);
    CHECK(Hex(s.insns[0].bytes) == expect);
  }
  // JMP near is 5 bytes.
  const Symbol& j = Sym(MustAssemble("TEXT ·f(SB), 4, $0-0\n\tJMP out\n" + Repeat("CLD", 200) + "out:\n\tRET\n"), "main.f");
  CHECK(Hex(j.insns[0].bytes) == "e9 c8 00 00 00");
}

TEST_CASE("backward branches are short down to -128", "[relax]") {
  for (auto [n, expect] : {std::pair{126, "75 80"}, std::pair{127, "0f 85 7b ff ff ff"}}) {
    const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $0-0\ntop:\n" + Repeat("CLD", n) + "\tJNE top\n\tRET\n"), "main.f");
    CAPTURE(n);
    CHECK(Hex(s.insns[static_cast<size_t>(n)].bytes) == expect);
  }
}

TEST_CASE("growing one branch can push another out of short range", "[relax]") {
  // First pass: JEQ a spans 124, JEQ b 128 (too far). With JEQ b near, JEQ a spans 128 too.
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $0-0\n\tJEQ a\n\tJEQ b\n" + Repeat("CLD", 122) + "a:\n" +
                                     Repeat("CLD", 6) + "b:\n\tRET\n"), "main.f");
  CHECK(Hex(s.insns[0].bytes) == "0f 84 80 00 00 00");
  CHECK(Hex(s.insns[1].bytes) == "0f 84 80 00 00 00");
  CHECK(s.size == 6 + 6 + 128 + 1);
}

TEST_CASE("n(PC) counts statements; a branch to a JMP is threaded to its target", "[relax]") {
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $0-0\n\tJMP 2(PC)\n\tCLD\n\tJEQ hop\n\tCLD\nhop:\n\tJMP end\n\tCLD\nend:\n\tRET\n"), "main.f");
  CHECK(s.insns[0].text == "JMP\t3");
  CHECK(s.insns[2].text == "JEQ\t9");  // through `hop: JMP end`
}

TEST_CASE("FP and pseudo-SP rewrite against the frame and PUSH/POP depth", "[pseudo]") {
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $16-16\n"
                                     "\tMOVQ a+0(FP), AX\n"
                                     "\tMOVQ x-8(SP), BX\n"
                                     "\tMOVQ 8(SP), CX\n"
                                     "\tPUSHQ AX\n"
                                     "\tMOVQ b+8(FP), DX\n"
                                     "\tMOVQ $a+0(FP), SI\n"
                                     "\tPOPQ AX\n"
                                     "\tMOVQ DX, r+8(FP)\n"
                                     "\tRET\n"), "main.f");
  // frame 16 + BP slot = 24: FP args start at 24+8, locals end at the BP slot (16).
  CHECK(s.insns[3].text == "MOVQ\ta+32(FP), AX");
  CHECK(Hex(s.insns[3].bytes) == "48 8b 44 24 20");
  CHECK(s.insns[4].text == "MOVQ\tx+8(SP), BX");
  CHECK(Hex(s.insns[4].bytes) == "48 8b 5c 24 08");
  CHECK(Hex(s.insns[5].bytes) == "48 8b 4c 24 08");  // bare 8(SP) is hardware SP
  CHECK(s.insns[7].text == "MOVQ\tb+48(FP), DX");    // one push deeper
  CHECK(s.insns[8].text == "LEAQ\ta+40(FP), SI");
  CHECK(s.insns[10].text == "MOVQ\tDX, r+40(FP)");
  CHECK(s.insns[3].fp_args == std::vector<std::string>{"a"});
  CHECK(s.insns[7].fp_args == std::vector<std::string>{"b"});
  CHECK(s.insns[3].sp_delta == 24);
  CHECK(s.insns[7].sp_delta == 32);
  CHECK(s.insns[10].sp_delta == 24);
}

TEST_CASE("explicit ADDQ/SUBQ $n, SP move the recorded SP delta only", "[pseudo]") {
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4|512, $0-8\n\tSUBQ $16, SP\n\tMOVQ x+0(FP), AX\n\tADDQ $16, SP\n\tRET\n"), "main.f");
  CHECK(s.insns[1].sp_delta == 16);
  CHECK(s.insns[1].text == "MOVQ\tx+8(FP), AX");  // Go's FP rewriting ignores explicit SP arithmetic
  CHECK(s.insns[3].sp_delta == 0);
}

TEST_CASE("DATA/GLOBL lay out bytes, strings, floats and addresses", "[data]") {
  Object obj = MustAssemble("DATA ·t+0(SB)/8, $1\nDATA ·t+8(SB)/4, $0x12345678\nDATA ·t+12(SB)/2, $-2\n"
                            "DATA ·t+14(SB)/1, $'z'\nDATA ·t+16(SB)/8, $·t+8(SB)\nDATA ·t+24(SB)/6, $\"hi\\n\\000\"\n"
                            "GLOBL ·t(SB), 8, $32\nDATA ·f+0(SB)/8, $1.5\nGLOBL ·f(SB), 16, $8\nGLOBL ·z(SB), $24\n"
                            "GLOBL ·s<>(SB), 16, $8\n");
  const Symbol& t = Sym(obj, "main.t");
  CHECK(t.kind == SymbolKind::kRodata);
  CHECK(Hex(t.data) == "01 00 00 00 00 00 00 00 78 56 34 12 fe ff 7a 00 00 00 00 00 00 00 00 00 68 69 0a 00 00 00 00 00");
  REQUIRE(t.relocs.size() == 1);
  CHECK(t.relocs[0].off == 16);
  CHECK(t.relocs[0].type == RelocType::kAddr);
  CHECK(t.relocs[0].sym == "main.t");
  CHECK(t.relocs[0].addend == 8);
  const Symbol& f = Sym(obj, "main.f");
  CHECK(f.kind == SymbolKind::kNoptrData);
  CHECK(Hex(f.data) == "00 00 00 00 00 00 f8 3f");
  CHECK(Sym(obj, "main.z").kind == SymbolKind::kBss);
  CHECK(Sym(obj, "main.z").size == 24);
  CHECK(Sym(obj, "main.s<>").kind == SymbolKind::kNoptrBss);
}

TEST_CASE("JSON output carries the golden corpus interface", "[listing]") {
  Object obj = MustAssemble("TEXT ·f(SB), 4, $8-8\n\tMOVQ x+0(FP), AX\n\tCALL ·g(SB)\n\tRET\n");
  std::string json = FormatJson(obj);
  CHECK(json.find(R"({"symbols":[{"name":"main.f","size":34,"frame":16,"args":8,"flags":4,"insns":[)") == 0);
  CHECK(json.find(R"({"off":0,"hex":"4883ec10","text":"SUBQ\t$16, SP","line":1})") != std::string::npos);
  CHECK(json.find(R"({"off":14,"hex":"488b442418","text":"MOVQ\tx+24(FP), AX","line":2})") != std::string::npos);
  CHECK(json.find(R"("relocs":[{"off":20,"size":4,"type":"R_CALL","sym":"main.g"}])") != std::string::npos);
}

}  // namespace goemu::isa::test
