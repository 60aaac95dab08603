// Parses the output of `goemu asm --json` into an AsmListing:
//   {"symbols":[{"name","size","frame","args","flags",
//                "insns":[{"off","hex","text","line"}], "relocs":[{"off","size","type","sym"}],
//                "data": "hex" (optional, data symbols)}]}
// A symbol with instructions is text; one without is data (its "data" compared when present).
#pragma once

#include <string_view>

#include "tests/asm_golden/asm_model.h"

namespace goemu::asm_golden {

Parsed<AsmListing> ParseGoemuJson(std::string_view text);

// "48893c24" -> {0x48, 0x89, 0x3c, 0x24}; nullopt on odd length or a non-hex digit.
std::optional<std::vector<uint8_t>> DecodeHex(std::string_view hex);

}  // namespace goemu::asm_golden
