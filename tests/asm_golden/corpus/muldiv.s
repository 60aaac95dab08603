// MUL/IMUL/DIV/IDIV in all widths. IMUL in its one-operand (RDX:RAX) and two-operand forms,
// IMULQ $imm, reg (reg *= imm), and the three-operand IMUL3Q/L/W (Go rejects IMULQ with three).
#include "textflag.h"

TEXT ·mulDiv(SB), NOSPLIT, $0-0
	MULQ BX
	MULQ 8(SP)
	MULL CX
	MULW R9
	MULB DL
	IMULQ BX
	IMULQ (SI)
	IMULL R8
	IMULW CX
	IMULB BL
	IMULQ BX, AX
	IMULQ 16(DI), R10
	IMULL DX, CX
	IMULW SI, DI
	IMULQ $10, BX
	IMULQ $1000, R9
	IMUL3Q $-3, (SP), CX
	IMUL3Q $1000, R8, R9
	IMUL3W $9, SI, DI
	IMUL3Q $7, DX, BX
	IMUL3L $100000, AX, AX
	DIVQ BX
	DIVQ (R12)
	DIVL CX
	DIVW SI
	DIVB R11B
	IDIVQ R13
	IDIVQ -8(BP)
	IDIVL DX
	IDIVW AX
	IDIVB CH
	RET
