// Hostile input: files that are not assembly text, and sources built to exhaust time, memory
// or the stack. Each must end in one diagnostic with its exact message, quickly.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "isa/source_file.h"
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {
namespace {

std::filesystem::path TempDir() {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "goemu_isa_input_limits";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Write(const std::string& name, const std::string& bytes) {
  std::filesystem::path p = TempDir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

// The one diagnostic of assembling `src`, as the CLI prints it.
std::string OnlyDiagnostic(const std::string& src, const AssembleOptions& o = Options()) {
  AssembleResult r = AssembleSource("t.s", src, o);
  REQUIRE(r.diagnostics.size() == 1);
  return r.diagnostics[0].Format();
}

}  // namespace

TEST_CASE("files that are not assembly text are refused with one line each", "[limits]") {
  auto first = [](const std::string& path) {
    AssembleResult r = AssembleFiles({path}, Options());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics[0].Format();
  };
  const std::string empty = Write("empty.s", "");
  CHECK(first(empty) == empty + ": error: empty file: expected Go assembly source\n");
  const std::string nul = Write("nul.s", std::string("TEXT ·f(SB), $0\n\tRET") + '\0' + "\n");  // · is 2 bytes
  CHECK(first(nul) == nul + ": error: binary data (byte 0x00 at offset 21): expected UTF-8 assembly text\n");
  const std::string latin1 = Write("latin1.s", "// caf\xe9\n");
  CHECK(first(latin1) == latin1 + ": error: binary data (byte 0xe9 at offset 6): expected UTF-8 assembly text\n");
  const std::string overlong = Write("overlong.s", "// \xc0\xaf\n");  // '/' spelled in two bytes
  CHECK(first(overlong) == overlong + ": error: binary data (byte 0xc0 at offset 3): expected UTF-8 assembly text\n");
  CHECK(first(TempDir().string()) == TempDir().string() + ": error: is a directory: expected a .s file\n");
  CHECK(first("/nonexistent/x.s") == "/nonexistent/x.s: error: cannot open input file: No such file or directory\n");
  // Readable to nobody, root included: the kernel refuses reads at offset 0 of /proc/self/mem.
  CHECK(first("/proc/self/mem") == "/proc/self/mem: error: cannot read input file: Input/output error\n");
  const std::string fifo = (TempDir() / "fifo.s").string();
  std::filesystem::remove(fifo);
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(first(fifo) == fifo + ": error: not a regular file: expected a .s file\n");  // and does not block
  const std::string big = (TempDir() / "big.s").string();
  std::filesystem::resize_file(Write("big.s", ""), kMaxSourceBytes + 1);
  CHECK(first(big) == big + ": error: file is 16777217 bytes: expected at most 16777216 (16 MiB) of assembly\n");
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("UTF-8 text, including the middle dot of Go names, is accepted", "[limits]") {
  SourceRead read = ReadSourceFile(Write("utf8.s", "// \xe2\x88\x95 \xf0\x9f\x98\x80\nTEXT \xc2\xb7" "f(SB), $0\n\tRET\n"));
  CHECK(read.ok());
  CHECK(read.text.size() == 34);
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("include bombs and macro bombs stop at a bound with one diagnostic", "[limits]") {
  AssembleOptions o = Options();
  o.max_errors = 1 << 20;  // keep every diagnostic, so the budget's own is among them
  // Every level includes itself three times: 3^16 inclusions without the include budget.
  o.include_provider = [](std::string_view) -> std::optional<std::string> {
    return std::string("#include \"b.h\"\n#include \"b.h\"\n#include \"b.h\"\n");
  };
  AssembleResult bomb = AssembleSource("t.s", "#include \"b.h\"\n", o);
  REQUIRE_FALSE(bomb.ok());
  int budget = 0;
  for (const Diagnostic& d : bomb.diagnostics) {
    budget += d.message == "#include \"b.h\" is include number 1001: expected at most 1000 per file (a header "
                           "included repeatedly from itself?)";
  }
  CHECK(budget == 1);
  // The nesting limit is reported once, not at each of the 3^15 deepest #include lines.
  REQUIRE(bomb.diagnostics.size() == 2);
  CHECK(bomb.diagnostics[0].message == "#include \"b.h\" nested too deeply (recursive include?)");
  // Each macro doubles the previous one: 2^40 tokens.
  std::string src = "#define M0 NOP\n";
  for (int i = 1; i <= 40; ++i) src += fmt::format("#define M{} M{} ; M{}\n", i, i - 1, i - 1);
  src += "TEXT ·f(SB), $0\n\tM40\n\tRET\n";
  CHECK(OnlyDiagnostic(src) ==
        "t.s:43:2: error: expansion of macro M40 exceeds 100000 tokens: expected a #define that does not double at every level\n"
        "    \tM40\n"
        "    \t^\n");
  // A chain of 150 macros, each naming the next.
  std::string chain;
  for (int i = 0; i < 150; ++i) chain += fmt::format("#define C{} C{}\n", i, i + 1);
  chain += "TEXT ·f(SB), $0\n\tC0\n\tRET\n";
  CHECK(OnlyDiagnostic(chain).starts_with("t.s:152:2: error: macro C0 nested more than 100 deep: expected a shallower chain of #defines\n"));
  // A macro naming itself expands once and is then left alone, as in C.
  CHECK(OnlyDiagnostic("#define A A\nTEXT ·f(SB), $0\n\tA\n\tRET\n").starts_with(
      "t.s:3:2: error: unknown instruction A: expected a Go amd64 mnemonic"));
}

TEST_CASE("deep expressions, long label lists and huge sizes", "[limits]") {
  std::string minus = "TEXT ·f(SB), $0\n\tMOVQ $" + std::string(100000, '-') + "1, AX\n\tRET\n";
  CHECK(OnlyDiagnostic(minus).starts_with("t.s:2:1008: error: constant expression nested more than 1000 deep"));
  std::string parens = "TEXT ·f(SB), $0\n\tMOVQ $" + std::string(5000, '(') + "1" + std::string(5000, ')') + ", AX\n\tRET\n";
  CHECK(OnlyDiagnostic(parens).starts_with("t.s:2:1008: error: constant expression nested more than 1000 deep"));
  // The source line is cut at 200 bytes, and the caret dropped when it would be past the cut.
  const std::string shown = OnlyDiagnostic(minus);
  CHECK(shown.find("\n    \tMOVQ $---") != std::string::npos);
  CHECK(shown.find(" ...\n") == shown.size() - 5);
  // 100000 distinct labels on one line: linear, not quadratic.
  std::string labels = "TEXT ·f(SB), $0\n";
  for (int i = 0; i < 100000; ++i) labels += fmt::format("l{}: ", i);
  labels += "RET\n";
  CHECK(AssembleSource("t.s", labels, Options()).ok());
  // INT64_MIN / -1 wraps as in Go instead of trapping.
  Object obj = MustAssemble("TEXT ·f(SB), $0\n\tMOVQ $((-9223372036854775807-1)/-1), AX\n\tMOVQ $((-9223372036854775807-1)%-1), BX\n\tRET\n");
  CHECK(Sym(obj, "main.f").insns[0].text == "MOVQ\t$-9223372036854775808, AX");
  CHECK(Sym(obj, "main.f").insns[1].text == "MOVQ\t$0, BX");
  CHECK(OnlyDiagnostic("GLOBL ·x(SB), $8\nDATA ·x+0x7ffffffffffffff8(SB)/8, $1\n").starts_with(
      "t.s:2:1: error: DATA main.x+9223372036854775800/8 is out of range: GLOBL main.x has size 8\n"));
  CHECK(OnlyDiagnostic("GLOBL ·x(SB), $0x100000000\n").starts_with(
      "t.s:1:16: error: GLOBL size 4294967296 too large: expected at most 2000000000 bytes, as Go's linker\n"));
  CHECK(OnlyDiagnostic("GLOBL ·x(SB), $0x10000000\nDATA ·x+0(SB)/8, $1\n").starts_with(
      "t.s:2:1: error: DATA for main.x of size 268435456: expected an initialized symbol of at most 67108864 bytes"));
  // A bad TEXT reports itself once, not every line of its body as "outside a function".
  CHECK(OnlyDiagnostic("TEXT ·f(SB), $0x7ffffffffffffff8\n\tCALL ·f(SB)\nl:\n\tRET\n") ==
        "t.s:1:16: error: frame size 9223372036854775800 too large: expected at most 2147483639 (SUBQ $imm32, SP)\n"
        "    TEXT ·f(SB), $0x7ffffffffffffff8\n"
        "                  ^\n");  // under the 0: `·` is two bytes but one column on screen
  CHECK(OnlyDiagnostic("TEXT ·f(SB), $0-18446744073709551615\n\tRET\n").starts_with(
      "t.s:1:18: error: argument size 18446744073709551615 too large: expected at most 2147483647\n"));
}

TEST_CASE("a diagnostic about a whole file has no line number", "[limits]") {
  Diagnostic d{SourceLoc{"<link>", 0, 0}, "entry symbol x is not defined", ""};
  CHECK(d.Format() == "<link>: error: entry symbol x is not defined\n");
}

}  // namespace goemu::isa::test

namespace goemu::isa::test {

TEST_CASE("an #include name the OS rejects is a missing file, not a crash", "[limits]") {
  // Regression (found by the asm fuzzer): a 5000-byte name made std::filesystem throw
  // ENAMETOOLONG out of the preprocessor.
  const std::string name(5000, 'k');
  const std::string diag = OnlyDiagnostic("#include \"" + name + ".h\"\n");
  CHECK(diag.find("t.s:1:10: error:") == 0);
  CHECK(diag.find("#include") != std::string::npos);
}

TEST_CASE("past the error limit the preprocessor stops reading headers", "[limits]") {
  // Regression (a timeout found by the asm fuzzer): a header that includes itself twice and has
  // an error on every line was re-read up to the 1000-include budget after the 20 diagnostics
  // kept had long been collected.
  AssembleOptions o = Options();
  int reads = 0;
  o.include_provider = [&reads](std::string_view) -> std::optional<std::string> {
    ++reads;
    return std::string("#bogus\n#include \"b.h\"\n#include \"b.h\"\n");
  };
  AssembleResult r = AssembleSource("t.s", "#include \"b.h\"\n", o);
  REQUIRE(r.diagnostics.size() == 21);
  CHECK(r.diagnostics.back().Format() == "too many errors\n");
  // 20 headers read: each adds its #bogus error, the nesting limit adds one, and the 20th
  // header's error is the 21st. Without the stop the include budget allowed 1000 reads.
  CHECK(reads == 20);
}

}  // namespace goemu::isa::test
