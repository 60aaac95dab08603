// Double-precision shifts: the three-operand SHLQ/SHRQ (and L/W) forms that become
// SHLD/SHRD, with an imm8 count and with CL. Go's order: count, source, destination.
#include "textflag.h"

TEXT ·doubleShifts(SB), NOSPLIT, $0-0
	SHLQ $4, AX, BX
	SHLQ CX, AX, BX
	SHLQ $63, R8, R9
	SHLQ CX, DX, (DI)
	SHRQ $4, AX, BX
	SHRQ CX, AX, BX
	SHRQ $1, R10, 8(SP)
	SHLL $7, SI, DI
	SHLL CX, R11, R12
	SHRL $31, AX, DX
	SHRL CX, BX, (SI)
	SHLW $3, CX, DX
	SHRW CX, AX, BX
	RET
