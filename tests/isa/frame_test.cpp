// Prologue/epilogue variants for go1.13 (runtime-model.md §2.5) and the go1.19 row of the
// version table (checked against go tool asm 1.19).
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {
namespace {

std::string WithCall(const std::string& flags, const std::string& frame) {
  return "TEXT ·f(SB), " + flags + ", $" + frame + "\n\tCALL ·g(SB)\n\tRET\n";
}

std::vector<std::string> Texts(const Symbol& s) {
  std::vector<std::string> out;
  for (const Instruction& i : s.insns) out.push_back(i.text);
  return out;
}

}  // namespace

TEST_CASE("frame $0 leaf gets nothing; $0 with a CALL gets an 8-byte BP-only frame", "[frame]") {
  Object leaf = MustAssemble("TEXT ·f(SB), 0, $0-8\n\tMOVQ x+0(FP), AX\n\tRET\n");
  const Symbol& l = Sym(leaf, "main.f");
  CHECK(Texts(l) == std::vector<std::string>{"MOVQ\tx+8(FP), AX", "RET"});
  CHECK((l.flags & kFlagNoSplit) != 0);  // automatic NOSPLIT of a small leaf
  CHECK(l.frame == 0);

  const Symbol& c = Sym(MustAssemble(WithCall("0", "0")), "main.f");
  CHECK(c.frame == 8);
  CHECK(Texts(c) == std::vector<std::string>{
                        "MOVQ\t(TLS), CX", "CMPQ\tSP, 16(CX)", "JLS\t41", "SUBQ\t$8, SP", "MOVQ\tBP, (SP)",
                        "LEAQ\t(SP), BP", "CALL\tmain.g(SB)", "MOVQ\t(SP), BP", "ADDQ\t$8, SP", "RET", "NOP",
                        "CALL\truntime.morestack_noctxt(SB)", "JMP\t0"});
  CHECK(Code(c) == "64 48 8b 0c 25 00 00 00 00 48 3b 61 10 76 1a 48 83 ec 08 48 89 2c 24 48 8d 2c 24 e8 00 00 00 00 "
                   "48 8b 2c 24 48 83 c4 08 c3 e8 00 00 00 00 eb d0");
  CHECK(c.size == 48);
}

TEST_CASE("small frames (<= 128) compare SP with stackguard0 directly", "[frame]") {
  const Symbol& s8 = Sym(MustAssemble(WithCall("0", "8")), "main.f");
  CHECK(s8.frame == 16);
  const Symbol& s120 = Sym(MustAssemble(WithCall("0", "120")), "main.f");
  CHECK(s120.frame == 128);
  CHECK(Texts(s120)[1] == "CMPQ\tSP, 16(CX)");
  CHECK(Texts(s120)[3] == "SUBQ\t$128, SP");
  CHECK(Hex(s120.insns[3].bytes) == "48 81 ec 80 00 00 00");  // go1.13 keeps the immediate positive
  CHECK(Texts(s120)[8] == "ADDQ\t$128, SP");
}

TEST_CASE("go1.19 lowers ADJSP 128 as ADDQ $-128", "[frame][go119]") {
  const Symbol& s = Sym(MustAssemble(WithCall("0", "120"), Options(GoVersion::kGo119)), "main.f");
  CHECK(Texts(s)[3] == "ADDQ\t$-128, SP");
  CHECK(Hex(s.insns[3].bytes) == "48 83 c4 80");
  CHECK(Texts(s)[8] == "SUBQ\t$-128, SP");
}

TEST_CASE("big frames (129..4096) check SP-(frame-128) via AX", "[frame]") {
  const Symbol& s = Sym(MustAssemble(WithCall("0", "200")), "main.f");
  CHECK(s.frame == 208);
  std::vector<std::string> t = Texts(s);
  CHECK(t[1] == "LEAQ\t-80(SP), AX");
  CHECK(Hex(s.insns[1].bytes) == "48 8d 44 24 b0");
  CHECK(t[2] == "CMPQ\tAX, 16(CX)");
  CHECK(Hex(s.insns[2].bytes) == "48 3b 41 10");
  CHECK(t[3].starts_with("JLS"));

  const Symbol& edge = Sym(MustAssemble(WithCall("0", "4088")), "main.f");
  CHECK(edge.frame == 4096);
  CHECK(Texts(edge)[1] == "LEAQ\t-3968(SP), AX");
}

TEST_CASE("huge frames (> 4096) guard against wrap-around and stackPreempt (go1.13)", "[frame]") {
  for (auto [declared, compare] : {std::pair{4096, 4856}, std::pair{5000, 5760}, std::pair{70000, 70760}}) {
    const Symbol& s = Sym(MustAssemble(WithCall("0", std::to_string(declared))), "main.f");
    std::vector<std::string> t = Texts(s);
    CAPTURE(declared);
    REQUIRE(t.size() > 8);
    CHECK(t[1] == "MOVQ\t16(CX), SI");
    CHECK(t[2] == "CMPQ\tSI, $-1314");
    CHECK(Hex(s.insns[2].bytes) == "48 81 fe de fa ff ff");
    CHECK(t[3].starts_with("JEQ"));
    CHECK(t[4] == "LEAQ\t880(SP), AX");
    CHECK(t[5] == "SUBQ\tSI, AX");
    CHECK(t[6] == fmt::format("CMPQ\tAX, ${}", compare));
    CHECK(t[7].starts_with("JLS"));
    // Both branches land on the stub's CALL morestack.
    CHECK(t[3].substr(4) == t[7].substr(4));
  }
}

TEST_CASE("go1.19 huge frames: MOVQ SP, R12; SUBQ; JCS; CMPQ R12, 16(R14)", "[frame][go119]") {
  const Symbol& s = Sym(MustAssemble(WithCall("0", "5000"), Options(GoVersion::kGo119)), "main.f");
  std::vector<std::string> t = Texts(s);
  CHECK(t[0] == "MOVQ\t(TLS), R14");
  CHECK(t[1] == "MOVQ\tSP, R12");
  CHECK(t[2] == "SUBQ\t$4880, R12");
  CHECK(t[3].starts_with("JCS"));
  CHECK(t[4] == "CMPQ\tR12, 16(R14)");
}

TEST_CASE("NOSPLIT keeps the frame but drops the check; NOFRAME drops the BP slot", "[frame]") {
  const Symbol& ns = Sym(MustAssemble(WithCall("4", "24")), "main.f");
  CHECK(Texts(ns) == std::vector<std::string>{"SUBQ\t$32, SP", "MOVQ\tBP, 24(SP)", "LEAQ\t24(SP), BP", "CALL\tmain.g(SB)",
                                              "MOVQ\t24(SP), BP", "ADDQ\t$32, SP", "RET"});
  const Symbol& nf = Sym(MustAssemble(WithCall("4|512", "0")), "main.f");
  CHECK(Texts(nf) == std::vector<std::string>{"CALL\tmain.g(SB)", "RET"});
  CHECK(nf.frame == 0);
}

TEST_CASE("NEEDCTXT calls runtime.morestack instead of morestack_noctxt", "[frame]") {
  const Symbol& s = Sym(MustAssemble(WithCall("64", "16")), "main.f");
  std::vector<std::string> t = Texts(s);
  CHECK(t[t.size() - 2] == "CALL\truntime.morestack(SB)");
  CHECK(t.back() == "JMP\t0");
}

TEST_CASE("WRAPPER adjusts panic.argp through BX and DI (go1.13)", "[frame]") {
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 32, $16-8\n\tCALL ·g(SB)\n\tRET\n"), "main.f");
  CHECK(Listing(s) == std::vector<std::string>{
                          "0x00 MOVQ\t(TLS), CX", "0x09 CMPQ\tSP, 16(CX)", "0x0d JLS\t53", "0x0f SUBQ\t$24, SP",
                          "0x13 MOVQ\tBP, 16(SP)", "0x18 LEAQ\t16(SP), BP", "0x1d MOVQ\t32(CX), BX",
                          "0x21 TESTQ\tBX, BX", "0x24 JNE\t60", "0x26 NOP", "0x26 CALL\tmain.g(SB)",
                          "0x2b MOVQ\t16(SP), BP", "0x30 ADDQ\t$24, SP", "0x34 RET", "0x35 NOP",
                          "0x35 CALL\truntime.morestack_noctxt(SB)", "0x3a JMP\t0", "0x3c LEAQ\t32(SP), DI",
                          "0x41 CMPQ\t(BX), DI", "0x44 JNE\t38", "0x46 MOVQ\tSP, (BX)", "0x49 JMP\t38"});
  // A NOSPLIT WRAPPER still loads g for the argp check.
  const Symbol& ns = Sym(MustAssemble("TEXT ·f(SB), 36, $0-8\n\tRET\n"), "main.f");
  CHECK(Texts(ns)[0] == "MOVQ\t(TLS), CX");
  CHECK(Texts(ns)[1] == "MOVQ\t32(CX), BX");
}

TEST_CASE("RET sym becomes the epilogue plus JMP sym", "[frame]") {
  const Symbol& s = Sym(MustAssemble("TEXT ·f(SB), 4, $8-0\n\tCALL ·g(SB)\n\tRET ·g(SB)\n"), "main.f");
  std::vector<std::string> t = Texts(s);
  CHECK(t[t.size() - 3] == "MOVQ\t8(SP), BP");
  CHECK(t[t.size() - 2] == "ADDQ\t$16, SP");
  CHECK(t.back() == "JMP\tmain.g(SB)");
  CHECK(Hex(s.insns.back().bytes) == "e9 00 00 00 00");
}

}  // namespace goemu::isa::test
