// Address DATA: $sym(SB) and $sym+off(SB) of functions and data, file-static targets, and
// a funcval-style table, i.e. 8-byte address relocations inside data symbols.
#include "textflag.h"

TEXT ·fn(SB), NOSPLIT, $0-0
	RET

DATA target<>+0(SB)/8, $42
GLOBL target<>(SB), NOPTR, $8

DATA ·table+0(SB)/8, $·fn(SB)
DATA ·table+8(SB)/8, $target<>(SB)
DATA ·table+16(SB)/8, $target<>+4(SB)
DATA ·table+24(SB)/8, $runtime·main(SB)
GLOBL ·table(SB), RODATA, $32

DATA ·fnClosure+0(SB)/8, $·fn(SB)
GLOBL ·fnClosure(SB), RODATA, $8

DATA ·mixed+0(SB)/4, $1
DATA ·mixed+8(SB)/8, $·table+8(SB)
GLOBL ·mixed(SB), $16
