// Linking: fixed addresses, 32-byte function alignment, relocations, lookups.
#include "tests/isa/asm_test_util.h"

namespace goemu::isa::test {

TEST_CASE("text at 0x401000, functions 32-byte aligned, data on later pages", "[link]") {
  Object user = MustAssemble("TEXT ·main(SB), 4, $0-0\n\tCALL runtime·helper(SB)\n\tMOVQ ·v(SB), AX\n\tRET\n"
                             "DATA ·v+0(SB)/8, $·main(SB)\nGLOBL ·v(SB), $8\nGLOBL ·zero(SB), $16\n");
  Object rt = MustAssemble("TEXT runtime·helper(SB), 4, $0-0\n\tMOVQ 0(CX)(TLS*1), AX\n\tRET\n"
                           "DATA runtime·msg+0(SB)/4, $\"hey!\"\nGLOBL runtime·msg(SB), 8, $4\n");
  LinkResult r = Link({user, rt}, LinkOptions{});
  REQUIRE(r.ok());
  const Image& img = r.image;
  const ImageSymbol* main = img.FindSymbol("main.main");
  const ImageSymbol* helper = img.FindSymbol("runtime.helper");
  REQUIRE(main);
  REQUIRE(helper);
  CHECK(main->addr == 0x401000);
  CHECK(helper->addr == 0x401020);
  CHECK(img.FindSymbol("runtime.msg")->addr == 0x402000);  // rodata
  CHECK(img.FindSymbol("main.v")->addr == 0x403000);       // data
  CHECK(img.FindSymbol("main.zero")->addr == 0x404000);    // bss
  // CALL rel32 = helper - end of CALL.
  CHECK(Hex(main->symbol.insns[0].bytes) == "e8 1b 00 00 00");
  // MOVQ v(SB), AX: RIP-relative to 0x403000 from 0x40100c.
  CHECK(Hex(main->symbol.insns[1].bytes) == "48 8b 05 f4 1f 00 00");
  // The g slot is FS:-8.
  CHECK(Hex(helper->symbol.insns[0].bytes) == "64 48 8b 04 25 f8 ff ff ff");
  // DATA $main(SB) became the absolute address.
  CHECK(Hex(img.FindSymbol("main.v")->symbol.data) == "00 10 40 00 00 00 00 00");
  // Padding between functions is INT3.
  REQUIRE(img.segments[0].name == ".text");
  CHECK(img.segments[0].bytes[0x0d] == 0xcc);
  CHECK(img.segments[0].bytes[0x1f] == 0xcc);
  CHECK(img.segments.back().name == ".bss");
  CHECK(img.segments.back().mem_size == 16);
}

TEST_CASE("address lookups: symbol at, instruction at", "[link]") {
  Object o = MustAssemble("TEXT ·a(SB), 4, $0-0\n\tNOP\n\tMOVQ AX, BX\n\tRET\nTEXT ·b(SB), 4, $0-0\n\tRET\n");
  LinkResult r = Link({o}, LinkOptions{});
  REQUIRE(r.ok());
  CHECK(r.image.SymbolAt(0x401002)->symbol.name == "main.a");
  CHECK(r.image.SymbolAt(0x401004) == nullptr);  // padding
  CHECK(r.image.SymbolAt(0x401020)->symbol.name == "main.b");
  const Instruction* mov = r.image.InsnAt(0x401000);
  REQUIRE(mov);
  CHECK(mov->text == "MOVQ\tAX, BX");
  CHECK(r.image.InsnAt(0x401001) == nullptr);
  CHECK(r.image.InsnAt(0x401003)->text == "RET");
}

}  // namespace goemu::isa::test
