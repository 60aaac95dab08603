// Exact bytes for representative instructions. Expected values were checked against
// `go tool asm` 1.19 (the encodings do not depend on the Go version).
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {

TEST_CASE("MOV family picks Go's encodings", "[encode]") {
  CHECK(One("MOVQ AX, BX") == "48 89 c3");
  CHECK(One("MOVQ 16(SP), R8") == "4c 8b 44 24 10");
  CHECK(One("MOVL (AX)(BX*4), CX") == "8b 0c 98");
  CHECK(One("MOVB $255, (AX)") == "c6 00 ff");
  CHECK(One("MOVW $1, 8(AX)") == "66 c7 40 08 01 00");
  CHECK(One("MOVQ $1, AX") == "48 c7 c0 01 00 00 00");
  CHECK(One("MOVQ $-1, AX") == "48 c7 c0 ff ff ff ff");
  CHECK(One("MOVQ $0x80000000, AX") == "b8 00 00 00 80");  // MOVL form for uint32 values
  CHECK(One("MOVQ $0x123456789, AX") == "48 b8 89 67 45 23 01 00 00 00");
  CHECK(One("MOVBLZX (AX), BX") == "0f b6 18");
  CHECK(One("MOVBQSX CX, DX") == "48 0f be d1");
  CHECK(One("MOVLQSX AX, BX") == "48 63 d8");
  CHECK(One("MOVLQZX AX, BX") == "8b d8");
  CHECK(One("MOVQ (R12), AX") == "49 8b 04 24");
  CHECK(One("MOVQ (R13), AX") == "49 8b 45 00");
}

TEST_CASE("ALU immediates: imm8 only for values written in [-128, 127]", "[encode]") {
  CHECK(One("ADDQ $1, AX") == "48 83 c0 01");
  CHECK(One("ADDQ $1000, AX") == "48 05 e8 03 00 00");
  CHECK(One("ADDQ $1000, BX") == "48 81 c3 e8 03 00 00");
  CHECK(One("ADDQ $-128, BX") == "48 83 c3 80");
  CHECK(One("ADDQ $128, AX") == "48 05 80 00 00 00");
  CHECK(One("ADDL $0xffffffff, AX") == "05 ff ff ff ff");
  CHECK(One("ANDL $0xfffffffe, BX") == "81 e3 fe ff ff ff");
  CHECK(One("CMPQ AX, $0") == "48 83 f8 00");
  CHECK(One("CMPQ SP, 16(CX)") == "48 3b 61 10");
  CHECK(One("CMPB (SI), $0") == "80 3e 00");
  CHECK(One("TESTQ AX, AX") == "48 85 c0");
  CHECK(One("XORL AX, AX") == "31 c0");
}

TEST_CASE("multiply, shifts, bits, conditionals", "[encode]") {
  CHECK(One("IMULQ BX, AX") == "48 0f af c3");
  CHECK(One("IMULQ $10, AX") == "48 6b c0 0a");
  CHECK(One("IMUL3Q $10, BX, AX") == "48 6b c3 0a");
  CHECK(One("SHLQ $1, AX") == "48 d1 e0");
  CHECK(One("SHRQ CX, AX") == "48 d3 e8");
  CHECK(One("SHLQ $4, AX, BX") == "48 0f a4 c3 04");
  CHECK(One("BTQ $3, AX") == "48 0f ba e0 03");
  CHECK(One("SETEQ AL") == "0f 94 c0");
  CHECK(One("SETCS R8B") == "41 0f 92 c0");
  CHECK(One("CMOVQCS (BX), AX") == "48 0f 42 03");
}

TEST_CASE("stack, atomics, system and string instructions", "[encode]") {
  CHECK(One("PUSHQ $1; POPQ AX") == "6a 01 58");
  CHECK(One("PUSHQ $1000; POPQ AX") == "68 e8 03 00 00 58");
  CHECK(One("XCHGQ BX, AX") == "48 93");
  CHECK(One("XCHGL AX, AX") == "90");
  CHECK(One("LOCK; XADDQ AX, (BX)") == "f0 48 0f c1 03");
  CHECK(One("LOCK; CMPXCHGQ CX, (DI)") == "f0 48 0f b1 0f");
  CHECK(One("REP; MOVSQ") == "f3 48 a5");
  CHECK(One("REP; STOSQ") == "f3 48 ab");
  CHECK(One("CPUID") == "0f a2");
  CHECK(One("SYSCALL") == "0f 05");
  CHECK(One("INT $3") == "cd 03");
  CHECK(One("CALL AX") == "ff d0");
  CHECK(One("JMP (DX)") == "ff 22");
  CHECK(One("BYTE $0x90; WORD $0x1234; LONG $1; QUAD $-1") == "90 34 12 01 00 00 00 ff ff ff ff ff ff ff ff");
}

TEST_CASE("SSE moves the runtime uses", "[encode]") {
  CHECK(One("MOVQ AX, X0") == "66 48 0f 6e c0");
  CHECK(One("MOVQ X0, AX") == "66 48 0f 7e c0");
  CHECK(One("MOVQ X1, X2") == "f3 0f 7e d1");
  CHECK(One("MOVL AX, X0") == "66 0f 6e c0");
  CHECK(One("MOVOU (SI), X0") == "f3 0f 6f 06");
  CHECK(One("MOVOU X15, (R8)") == "f3 45 0f 7f 38");
  CHECK(One("MOVUPS X1, 16(DI)") == "0f 11 4f 10");
  CHECK(One("PXOR X8, X15") == "66 45 0f ef f8");
}

TEST_CASE("linux TLS: MOVQ TLS, r vanishes and g(r) is FS-relative with R_TLS_LE", "[encode][tls]") {
  Object obj = MustAssemble("TEXT ·f(SB), 4, $0-0\n\tMOVQ TLS, CX\n\tMOVQ 0(CX)(TLS*1), AX\n\tMOVQ (TLS), BX\n\tRET\n");
  const Symbol& s = Sym(obj, "main.f");
  CHECK(s.insns[0].bytes.empty());
  CHECK(s.insns[0].text == "NOP");
  CHECK(Hex(s.insns[1].bytes) == "64 48 8b 04 25 00 00 00 00");  // not the 67 A1 moffs form
  CHECK(Hex(s.insns[2].bytes) == "64 48 8b 1c 25 00 00 00 00");
  REQUIRE(s.relocs.size() == 2);
  CHECK(s.relocs[0].off == 5);
  CHECK(s.relocs[0].type == RelocType::kTlsLe);
}

TEST_CASE("windows TLS: GS:0x28 then a disp32 off tls_g", "[encode][tls]") {
  AssembleOptions o = Options(GoVersion::kGo113, GoOs::kWindows);
  CHECK(One("MOVQ TLS, CX", o) == "65 48 8b 0c 25 28 00 00 00");
  CHECK(One("MOVQ 0(CX)(TLS*1), CX", o) == "48 8b 89 f8 ff ff ff");
}

TEST_CASE("symbol operands are RIP-relative with relocations; MOVQ $sym is LEAQ", "[encode]") {
  Object obj = MustAssemble("TEXT ·f(SB), 4, $0-0\n\tMOVQ $·f(SB), AX\n\tMOVQ ·v+8(SB), BX\n\tMOVL $7, ·v(SB)\n"
                            "\tCALL runtime·x(SB)\n\tRET\nGLOBL ·v(SB), $16\n");
  const Symbol& s = Sym(obj, "main.f");
  CHECK(Hex(s.insns[0].bytes) == "48 8d 05 00 00 00 00");
  CHECK(s.insns[0].text == "LEAQ\tmain.f(SB), AX");
  CHECK(Hex(s.insns[1].bytes) == "48 8b 1d 00 00 00 00");
  CHECK(Hex(s.insns[2].bytes) == "c7 05 00 00 00 00 07 00 00 00");
  CHECK(Hex(s.insns[3].bytes) == "e8 00 00 00 00");
  REQUIRE(s.relocs.size() == 4);
  CHECK(s.relocs[1].sym == "main.v");
  CHECK(s.relocs[1].addend == 8);
  CHECK(s.relocs[2].off == 16);
  CHECK(s.relocs[2].addend == -4);  // the imm32 follows the displacement
  CHECK(s.relocs[3].type == RelocType::kCall);
  CHECK(s.relocs[3].sym == "runtime.x");
}

}  // namespace goemu::isa::test
