// INC/DEC/NEG/NOT in all four widths, on registers (low and extended) and on memory.
#include "textflag.h"

TEXT ·unary(SB), NOSPLIT, $0-0
	INCQ AX
	INCQ R12
	INCQ 8(SP)
	INCL BX
	INCL (R8)
	INCW CX
	INCW 2(DX)
	INCB DL
	INCB R10B
	INCB (SI)
	DECQ AX
	DECQ -8(BP)
	DECL R15
	DECW SI
	DECB BL
	DECB 1(DI)
	NEGQ AX
	NEGQ (BX)
	NEGL R9
	NEGW DI
	NEGB CL
	NOTQ AX
	NOTQ 16(R13)
	NOTL DX
	NOTW R11
	NOTB AH
	RET
