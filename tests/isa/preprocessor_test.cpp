// #include (hook, built-in headers), #define with and without arguments (multi-line),
// #undef, #ifdef/#ifndef/#else/#endif, comments, -D and the predefined GOOS/GOARCH names.
#include <filesystem>
#include <fstream>

#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {

TEST_CASE("object-like and function-like macros, multi-line bodies", "[pre]") {
  Object obj = MustAssemble(R"(#define SIZE (4*8+7)
#define LOAD(off, r) MOVQ off(SP), r
#define TWO(a, b) \
	MOVQ a, b \
	ADDQ a, b
TEXT ·f(SB), 4|512, $0-0
	MOVQ $SIZE, AX   // comment
	LOAD(8, BX)      /* block
	comment */
	TWO(CX, DX)
	RET
)");
  const Symbol& s = Sym(obj, "main.f");
  REQUIRE(s.insns.size() == 5);
  CHECK(s.insns[0].text == "MOVQ\t$39, AX");
  CHECK(s.insns[1].text == "MOVQ\t8(SP), BX");
  CHECK(s.insns[2].text == "MOVQ\tCX, DX");
  CHECK(s.insns[3].text == "ADDQ\tCX, DX");
  CHECK(s.insns[3].loc.line == 10);
}

TEST_CASE("expressions: precedence, shifts, masks, char literals", "[pre]") {
  Object obj = MustAssemble("TEXT ·f(SB), 4, $0-0\n\tMOVQ $(1<<4|3), AX\n\tMOVQ $~15, BX\n\tMOVQ $2+3*4, CX\n"
                            "\tMOVQ $0x10>>2&0x6, DX\n\tMOVB $'A'+1, AL\n\tMOVQ $-(010), SI\n\tRET\n");
  const Symbol& s = Sym(obj, "main.f");
  CHECK(s.insns[0].text == "MOVQ\t$19, AX");
  CHECK(s.insns[1].text == "MOVQ\t$-16, BX");
  CHECK(s.insns[2].text == "MOVQ\t$14, CX");
  CHECK(s.insns[3].text == "MOVQ\t$4, DX");
  CHECK(s.insns[4].text == "MOVB\t$66, AL");
  CHECK(s.insns[5].text == "MOVQ\t$-8, SI");
}

TEST_CASE("conditionals, #undef, -D and predefined names", "[pre]") {
  AssembleOptions o = Options();
  o.defines = {{"FAST", ""}, {"N", "7"}};
  Object obj = MustAssemble(R"(#ifdef FAST
#define V N
#else
#define V 1
#endif
#ifndef GOOS_linux
	this is not assembled
#endif
#ifdef GOARCH_amd64
#ifdef GOOS_windows
#define W 2
#else
#define W 3
#endif
#endif
#define GONE 1
#undef GONE
#ifdef GONE
	neither is this
#endif
TEXT ·f(SB), 4, $0-0
	MOVQ $V, AX
	MOVQ $W, BX
	RET
)", o);
  const Symbol& s = Sym(obj, "main.f");
  CHECK(s.insns[0].text == "MOVQ\t$7, AX");
  CHECK(s.insns[1].text == "MOVQ\t$3, BX");
}

TEST_CASE("built-in headers and the include provider hook", "[pre]") {
  AssembleOptions o = Options();
  o.include_provider = [](std::string_view name) -> std::optional<std::string> {
    if (name == "go_asm.h") return std::string("#define g_m 48\n#define m_curg 192\n");
    return std::nullopt;
  };
  Object obj = MustAssemble(R"(#include "textflag.h"
#include "funcdata.h"
#include "go_asm.h"
#include "go_tls.h"
TEXT ·f(SB), NOSPLIT|NOFRAME, $0-0
	NO_LOCAL_POINTERS
	get_tls(CX)
	MOVQ g(CX), AX
	MOVQ g_m(AX), BX
	MOVQ m_curg(BX), BX
	RET
)", o);
  const Symbol& s = Sym(obj, "main.f");
  CHECK(s.flags == (kFlagNoSplit | kFlagNoFrame));
  CHECK(s.insns[0].text.starts_with("FUNCDATA"));
  CHECK(s.insns[0].bytes.empty());
  CHECK(s.insns[1].bytes.empty());  // get_tls
  CHECK(Hex(s.insns[2].bytes) == "64 48 8b 04 25 00 00 00 00");
  CHECK(s.insns[3].text == "MOVQ\t48(AX), BX");
  CHECK(s.insns[4].text == "MOVQ\t192(BX), BX");
}

TEST_CASE("#include searches the -I directories in order", "[pre]") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "goemu_isa_pre_test";
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  std::ofstream(dir / "b" / "consts.h") << "#define ANSWER 42\n";
  AssembleOptions o = Options();
  o.include_dirs = {(dir / "a").string(), (dir / "b").string()};
  Object obj = MustAssemble("#include \"consts.h\"\nTEXT ·f(SB), 4, $0-0\n\tMOVQ $ANSWER, AX\n\tRET\n", o);
  CHECK(Sym(obj, "main.f").insns[0].text == "MOVQ\t$42, AX");
  std::filesystem::remove_all(dir);
}

}  // namespace goemu::isa::test
