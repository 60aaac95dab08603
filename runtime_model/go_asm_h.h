// goemu::rt generated assembler headers, produced from layout.inc and constants.inc.
#pragma once

#include <string>

namespace goemu::rt {

// The text of go_asm.h as the runtime assembly includes it, in the format `compile -asmhdr`
// writes: `#define const_<name> <value>` for every constant outside the textflag group, then
// per struct `#define <struct>__size <size>` and `#define <struct>_<field> <offset>`. Joining
// with one '_' gives Go's doubled underscore for names that start with '_' (g__panic,
// gobuf__size, const__StackGuard). The assembler injects it as a built-in include.
std::string GoAsmHeader();

// textflag.h with the go1.13 flag values (`#define NOSPLIT 4` ...).
std::string TextflagHeader();

}  // namespace goemu::rt
