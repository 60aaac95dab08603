// Symbol offsets that are negative or run past the symbol (sym-8(SB), sym+64(SB)): only the
// relocation addend changes. Go 1.19 rejects sym(SB)(reg*scale) on amd64, so it is not here.
#include "textflag.h"

DATA ·tbl+0(SB)/8, $1
DATA ·tbl+8(SB)/8, $2
GLOBL ·tbl(SB), RODATA, $16

TEXT ·symOffsets(SB), NOSPLIT, $0-0
	MOVQ ·tbl-8(SB), R8
	MOVQ ·tbl+64(SB), R9
	RET
