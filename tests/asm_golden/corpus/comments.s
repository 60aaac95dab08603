// Comments everywhere the lexer must skip them: line comments after instructions, block
// comments inside and across lines, and ; separating instructions on one line.
#include "textflag.h"

/* A block comment
   spanning lines, with MOVQ AX, BX inside that must not assemble. */
TEXT ·comments(SB), NOSPLIT, $0-0 // trailing comment on TEXT
	MOVQ AX, BX // AX = the value
	MOVQ /* inline */ CX, DX
	ADDQ $1, SI; ADDQ $2, DI
	// MOVQ R8, R9 is commented out
	SUBQ $3, R10 /* block at end */
	RET
