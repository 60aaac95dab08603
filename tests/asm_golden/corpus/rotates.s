// ROL/ROR/RCL/RCR by one, by imm8 and by CL, in all widths.
#include "textflag.h"

TEXT ·rotates(SB), NOSPLIT, $0-0
	ROLQ $1, AX
	ROLQ $13, BX
	ROLQ CX, R8
	ROLL $7, DX
	ROLW $8, AX
	ROLB CX, (SI)
	RORQ $1, R15
	RORQ $17, AX
	RORL CX, DI
	RORW $3, 2(SP)
	RORB $4, AL
	RCLQ $1, AX
	RCLQ $2, BX
	RCLL CX, R10
	RCLW $1, SI
	RCLB $3, DL
	RCRQ $1, AX
	RCRQ CX, (R9)
	RCRL $5, CX
	RCRW $1, BP
	RCRB CX, BH
	RET
