// Every class of assembler and linker error: its message and the file:line:col it points at.
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {
namespace {

struct Case {
  const char* name;
  const char* source;
  int line;
  int col;
  const char* message;  // a fragment the message must contain
};

// Each source is assembled as file t.s; `TEXT ·f(SB), $0` opens a function where one is needed.
const Case kCases[] = {
    {"unknown mnemonic", "TEXT ·f(SB), $0\n\tMOVZ AX, BX\n\tRET\n", 2, 2, "unknown instruction MOVZ"},
    {"bad operand for mnemonic", "TEXT ·f(SB), $0\n\tMOVQ AX, $1\n\tRET\n", 2, 2, "bad operand combination for MOVQ"},
    {"undefined label", "TEXT ·f(SB), $0\n\tJMP nowhere\n\tRET\n", 2, 6, "undefined label nowhere"},
    {"duplicate label", "TEXT ·f(SB), $0\na:\n\tNOP\na:\n\tRET\n", 4, 1, "label a defined twice"},
    {"missing TEXT", "\tMOVQ AX, BX\n", 1, 2, "expected a TEXT directive first"},
    {"label outside a function", "a:\n", 1, 1, "label a outside a function"},
    {"bad frame spec", "TEXT ·f(SB), $abc\n", 1, 16, "bad frame size"},
    {"bad argument size", "TEXT ·f(SB), $8-x\n", 1, 17, "bad argument size"},
    {"unaligned frame", "TEXT ·f(SB), $12\n\tRET\n", 1, 1, "unaligned frame size 12"},
    {"FP without a name", "TEXT ·f(SB), $0\n\tMOVQ 0(FP), AX\n\tRET\n", 2, 9, "cannot reference FP without a name"},
    {"unbalanced PUSH/POP", "TEXT ·f(SB), $0\n\tPUSHQ AX\n\tRET\n", 3, 2, "unbalanced PUSH/POP"},
    {"bad #include", "#include \"nope.h\"\n", 1, 10, "cannot find #include file \"nope.h\""},
    {"unterminated #ifdef", "#ifdef X\n", 1, 1, "unterminated #ifdef"},
    {"#else without #ifdef", "#else\n", 1, 2, "#else without a matching #ifdef"},
    {"second #else", "#ifdef X\n#else\n#else\n#endif\n", 3, 2, "second #else"},
    {"unknown directive", "#pragma once\n", 1, 2, "unknown directive #pragma"},
    {"macro argument count", "#define M(a, b) a\nTEXT ·f(SB), $0\n\tM(1)\n", 3, 2, "macro M takes 2 argument(s), got 1"},
    {"unterminated macro arguments", "#define M(a) a\nTEXT ·f(SB), $0\n\tM(1\n", 3, 2, "unterminated argument list of macro M"},
    {"unterminated comment", "/* open\n\n", 1, 0, "unterminated /* comment"},
    {"unterminated string", "DATA ·s+0(SB)/4, $\"abc\n", 1, 20, "unterminated string literal"},
    {"invalid number", "TEXT ·f(SB), $0\n\tMOVQ $12ab, AX\n", 2, 8, "invalid number '12ab'"},
    {"division by zero", "TEXT ·f(SB), $0\n\tMOVQ $(1/0), AX\n", 2, 10, "division by zero"},
    {"bad expression", "TEXT ·f(SB), $0\n\tMOVQ $(1+), AX\n", 2, 11, "unexpected ')' in constant expression"},
    {"DATA out of GLOBL range", "DATA ·x+8(SB)/8, $1\nGLOBL ·x(SB), $8\n", 1, 1, "out of range: GLOBL main.x has size 8"},
    {"DATA without GLOBL", "DATA ·y+0(SB)/8, $1\n", 1, 1, "DATA for main.y without a GLOBL"},
    {"bad DATA size", "DATA ·x+0(SB)/3, $1\nGLOBL ·x(SB), $8\n", 1, 16, "bad DATA size 3"},
    {"duplicate GLOBL", "GLOBL ·x(SB), $8\nGLOBL ·x(SB), $8\n", 2, 1, "duplicate GLOBL for main.x"},
    {"duplicate TEXT", "TEXT ·f(SB), $0\n\tRET\nTEXT ·f(SB), $0\n\tRET\n", 3, 1, "duplicate TEXT for main.f"},
    {"n(PC) out of range", "TEXT ·f(SB), $0\n\tJMP 5(PC)\n\tRET\n", 2, 6, "branch 5(PC) leaves main.f"},
    {"unknown register or symbol", "TEXT ·f(SB), $0\n\tMOVQ XX+1, AX\n", 2, 7, "unknown register or symbol 'XX'"},
    {"bad scale", "TEXT ·f(SB), $0\n\tMOVQ (AX)(BX*3), CX\n", 2, 15, "bad scale 3"},
    {"bad base register", "TEXT ·f(SB), $0\n\tMOVQ (AL), BX\n", 2, 8, "bad base register AL"},
    {"symbol with register base", "TEXT ·f(SB), $0\n\tMOVQ x+8(AX), BX\n", 2, 7, "symbol x not allowed with register AX"},
    {"empty operand", "TEXT ·f(SB), $0\n\tMOVQ AX,, BX\n", 2, 2, "MOVQ has an empty operand"},
    {"operands on a no-operand instruction", "TEXT ·f(SB), $0\n\tCPUID AX\n\tRET\n", 2, 2, "bad operands for CPUID: takes no operands"},
    {"shift count register", "TEXT ·f(SB), $0\n\tSHLQ BX, AX\n\tRET\n", 2, 2, "shift count register must be CX"},
    {"prefix on the wrong instruction", "TEXT ·f(SB), $0\n\tLOCK\n\tRET\n", 2, 2, "LOCK cannot prefix RET"},
    {"label operand on a non-branch", "TEXT ·f(SB), $0\nl:\n\tMOVQ l, AX\n\tRET\n", 3, 2, "MOVQ cannot take a label"},
    {"TEXT without frame", "TEXT ·f(SB)\n", 1, 1, "TEXT expects name(SB), [flags,] $frame[-args]"},
};

}  // namespace

TEST_CASE("each diagnostic class names file:line:col and what was expected", "[diag]") {
  for (const Case& c : kCases) {
    AssembleResult r = AssembleSource("t.s", c.source, Options());
    CAPTURE(c.name, c.source);
    REQUIRE_FALSE(r.ok());
    const Diagnostic& d = r.diagnostics.front();
    CAPTURE(d.Format());
    CHECK(d.loc.file == "t.s");
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.col == c.col);
    CHECK(d.message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("Format shows the line and a caret under the column", "[diag]") {
  AssembleResult r = AssembleSource("t.s", "TEXT ·f(SB), $0\n\tJMP nowhere\n\tRET\n", Options());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].Format() ==
        "t.s:2:6: error: undefined label nowhere in main.f: expected a label defined in the same TEXT\n"
        "    \tJMP nowhere\n"
        "    \t    ^\n");
}

TEST_CASE("all errors of a file are reported, up to the limit", "[diag]") {
  std::string src = "TEXT ·f(SB), $0\n";
  for (int i = 0; i < 30; ++i) src += "\tBOGUS\n";
  AssembleOptions o = Options();
  o.max_errors = 25;
  AssembleResult r = AssembleSource("t.s", src, o);
  REQUIRE(r.diagnostics.size() == 26);
  CHECK(r.diagnostics[24].loc.line == 26);
  // Then one line saying more were dropped, as go tool asm ends with "too many errors".
  CHECK(r.diagnostics[25].Format() == "too many errors\n");
  // Exactly the limit: all of them, and nothing dropped to mention.
  std::string exact = "TEXT ·f(SB), $0\n";
  for (int i = 0; i < 25; ++i) exact += "\tBOGUS\n";
  AssembleResult all = AssembleSource("t.s", exact, o);
  REQUIRE(all.diagnostics.size() == 25);
  CHECK(all.diagnostics[24].message.starts_with("unknown instruction BOGUS"));
  AssembleResult three = AssembleSource("t.s", "TEXT ·f(SB), $0\n\tBOGUS\n\tJMP x\n\tMOVQ 0(FP), AX\n\tRET\n", Options());
  CHECK(three.diagnostics.size() == 3);
}

TEST_CASE("link errors: undefined and duplicate symbols", "[diag][link]") {
  Object a = MustAssemble("TEXT ·f(SB), 4, $0\n\tCALL runtime·missing(SB)\n\tRET\n");
  LinkResult undefined = Link({a}, LinkOptions{});
  REQUIRE(undefined.diagnostics.size() == 1);
  CHECK(undefined.diagnostics[0].message.find("undefined symbol runtime.missing referenced by main.f") != std::string::npos);
  CHECK(undefined.diagnostics[0].loc.line == 2);  // the CALL, not the TEXT
  CHECK(undefined.diagnostics[0].loc.col == 2);
  Object b = MustAssemble("\n\nTEXT ·f(SB), $0\n\tRET\n");
  LinkResult dup = Link({b, b}, LinkOptions{});
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.diagnostics[0].message.find("duplicate symbol main.f") != std::string::npos);
  CHECK(dup.diagnostics[0].loc.line == 3);
}

TEST_CASE("missing input file and recursive includes", "[diag][pre]") {
  AssembleResult missing = AssembleFiles({"/nonexistent/x.s"}, Options());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].message.find("cannot open input file") != std::string::npos);
  AssembleOptions o = Options();
  o.include_provider = [](std::string_view) -> std::optional<std::string> { return std::string("#include \"self.h\"\n"); };
  AssembleResult loop = AssembleSource("t.s", "#include \"self.h\"\n", o);
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.diagnostics[0].message.find("nested too deeply") != std::string::npos);
}

}  // namespace goemu::isa::test
