// The seeds' listings: seed 004's printnl_nosplit (and the same function without NOSPLIT), and
// seed 001's main with one deferred closure, which go1.13 built for windows/amd64.
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {
namespace {

constexpr const char* kPrintnl = R"(#include "textflag.h"
TEXT ·printnl_nosplit(SB), NOSPLIT, $8
	CALL runtime·printnl(SB)
	RET
TEXT ·printnl(SB), $8
	CALL runtime·printnl(SB)
	RET
)";

// Seed 001's main.main, body as the compiler emitted it (hardware-SP offsets, no names). The
// compiler's listing shows the frame after the BP slot was added (72), so the source says 64.
constexpr const char* kDeferMain = R"(#include "textflag.h"
TEXT ·main(SB), $64-0
	MOVL	$0, 8(SP)
	LEAQ	·main_func1·f(SB), AX
	MOVQ	AX, 32(SP)
	LEAQ	8(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
)";

std::vector<uint32_t> Offsets(const Symbol& s) {
  std::vector<uint32_t> out;
  for (const Instruction& i : s.insns) out.push_back(i.off);
  return out;
}

}  // namespace

TEST_CASE("seed 004: printnl_nosplit is 29 bytes at offsets 0,4,9,0xe,0x13,0x18,0x1c", "[seed]") {
  Object obj = MustAssemble(kPrintnl);
  const Symbol& s = Sym(obj, "main.printnl_nosplit");
  CHECK(s.size == 29);
  CHECK(s.frame == 16);
  CHECK(Offsets(s) == std::vector<uint32_t>{0x0, 0x4, 0x9, 0xe, 0x13, 0x18, 0x1c});
  CHECK(Code(s) == "48 83 ec 10 48 89 6c 24 08 48 8d 6c 24 08 e8 00 00 00 00 48 8b 6c 24 08 48 83 c4 10 c3");
  std::string listing = FormatListing(obj, Options());
  CHECK(listing.find("\"\".printnl_nosplit STEXT nosplit size=29 args=0xffffffff80000000 locals=0x10") != std::string::npos);
}

TEST_CASE("seed 004 without NOSPLIT: split check, stub and JMP back (go1.13)", "[seed]") {
  const Symbol& s = Sym(MustAssemble(kPrintnl), "main.printnl");
  CHECK(Listing(s) == std::vector<std::string>{
                          "0x00 MOVQ\t(TLS), CX", "0x09 CMPQ\tSP, 16(CX)", "0x0d JLS\t44", "0x0f SUBQ\t$16, SP",
                          "0x13 MOVQ\tBP, 8(SP)", "0x18 LEAQ\t8(SP), BP", "0x1d CALL\truntime.printnl(SB)",
                          "0x22 MOVQ\t8(SP), BP", "0x27 ADDQ\t$16, SP", "0x2b RET", "0x2c NOP",
                          "0x2c CALL\truntime.morestack_noctxt(SB)", "0x31 JMP\t0"});
  CHECK(s.size == 51);
  CHECK(Code(s) == "64 48 8b 0c 25 00 00 00 00 48 3b 61 10 76 1d 48 83 ec 10 48 89 6c 24 08 48 8d 6c 24 08 "
                   "e8 00 00 00 00 48 8b 6c 24 08 48 83 c4 10 c3 e8 00 00 00 00 eb cd");
  // The frame tracer's view: 0 at entry, 16 inside, back to 0 at RET and in the stub.
  CHECK(s.insns[0].sp_delta == 0);
  CHECK(s.insns[4].sp_delta == 16);
  CHECK(s.insns[9].sp_delta == 0);
  CHECK(s.insns[11].sp_delta == 0);
}

TEST_CASE("seed 001: windows/amd64 go1.13 main is 113 bytes with the 9+7 byte g load", "[seed]") {
  AssembleOptions o = Options(GoVersion::kGo113, GoOs::kWindows);
  Object obj = MustAssemble(kDeferMain, o);
  const Symbol& s = Sym(obj, "main.main");
  CHECK(s.size == 113);
  CHECK(s.frame == 72);
  CHECK(Offsets(s) == std::vector<uint32_t>{0x00, 0x09, 0x10, 0x14, 0x16, 0x1a, 0x1f, 0x24, 0x2c, 0x33, 0x38,
                                            0x3d, 0x41, 0x46, 0x48, 0x4a, 0x4b, 0x50, 0x55, 0x59, 0x5a, 0x5b,
                                            0x60, 0x65, 0x69, 0x6a, 0x6a, 0x6f});
  CHECK(s.insns[0].text == "MOVQ\tTLS, CX");
  CHECK(Hex(s.insns[0].bytes) == "65 48 8b 0c 25 28 00 00 00");
  CHECK(s.insns[1].text == "MOVQ\t(CX)(TLS*2), CX");
  CHECK(Hex(s.insns[1].bytes) == "48 8b 89 f8 ff ff ff");
  CHECK(s.insns[3].text == "JLS\t106");
  CHECK(s.insns[14].text == "JNE\t90");
  CHECK(s.insns.back().text == "JMP\t0");
  std::string listing = FormatListing(obj, o);
  CHECK(listing.find("\"\".main STEXT size=113 args=0x0 locals=0x48") != std::string::npos);
}

TEST_CASE("seed 001 main on linux is 106 bytes", "[seed]") {
  const Symbol& s = Sym(MustAssemble(kDeferMain), "main.main");
  CHECK(s.size == 106);
  CHECK(s.insns[1].text == "CMPQ\tSP, 16(CX)");
  CHECK(s.insns[1].off == 9);
}

}  // namespace goemu::isa::test
