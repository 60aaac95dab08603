// SHL/SHR/SAR by an immediate (the by-one form and imm8) and by CL, in all widths,
// on registers and memory.
#include "textflag.h"

TEXT ·shifts(SB), NOSPLIT, $0-0
	SHLQ $1, AX
	SHLQ $3, AX
	SHLQ $63, R9
	SHLQ CX, BX
	SHLQ $4, 8(SP)
	SHLL $1, DX
	SHLL $31, DX
	SHLL CX, (DI)
	SHLW $2, SI
	SHLB $7, AL
	SHRQ $1, AX
	SHRQ $32, R12
	SHRQ CX, R13
	SHRL $5, BX
	SHRW CX, AX
	SHRB $1, (R8)
	SARQ $1, AX
	SARQ $63, DX
	SARQ CX, -8(BP)
	SARL $9, CX
	SARW $15, DI
	SARB CX, BL
	RET
