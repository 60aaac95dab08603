// Parses the listing `go tool asm -S` prints (the committed goldens) into an AsmListing.
//
// Per symbol the listing has a header ("".f STEXT nosplit asm size=29 args=0x8 locals=0x10 ...),
// then for text symbols one line per instruction ("\t0x000e 00014 (f.s:6)\tCALL\t..."), then a
// hex dump of the symbol's bytes ("\t0x0000 48 83 ec 10 ...  H...") and relocations
// ("\trel 15+4 t=7 runtime.printnl+0"). The hex dump is split into instructions by the listed
// offsets: a line owns the bytes up to the next line's offset (or the symbol's size), so
// pseudo-instructions that share an offset with their successor own none.
#pragma once

#include <string>
#include <string_view>

#include "tests/asm_golden/asm_model.h"

namespace goemu::asm_golden {

// `package` is what the listing's `"".` prefix stands for (the -p the goldens were made with).
// File-static symbols, marked "static" in their header, get the "<>" suffix goemu uses.
Parsed<AsmListing> ParseGoListing(std::string_view text, const std::string& package);

}  // namespace goemu::asm_golden
