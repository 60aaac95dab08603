// MOVB/MOVW/MOVL/MOVQ between registers, to and from memory, and from immediates.
#include "textflag.h"

TEXT ·movRegReg(SB), NOSPLIT, $0-0
	MOVQ AX, BX
	MOVQ R8, R15
	MOVQ SI, R9
	MOVL AX, BX
	MOVL R10, CX
	MOVW DX, SI
	MOVW R11, R12
	MOVB AL, BL
	MOVB R8B, CL
	MOVB SIB, DIB
	MOVB AH, DL
	RET

TEXT ·movMem(SB), NOSPLIT, $0-0
	MOVQ (AX), BX
	MOVQ BX, (AX)
	MOVQ 8(SI), R8
	MOVQ R8, -16(DI)
	MOVL 4(R12), DX
	MOVL DX, 1024(R13)
	MOVW (BP), CX
	MOVW CX, 2(SP)
	MOVB (R14), AL
	MOVB AL, 7(R15)
	RET

TEXT ·movImm(SB), NOSPLIT, $0-0
	MOVQ $0, AX
	MOVQ $1, R9
	MOVQ $-1, BX
	MOVQ $0x7fffffff, CX
	MOVQ $0x80000000, DX
	MOVQ $0x123456789abcdef0, SI
	MOVL $0xffffffff, DI
	MOVL $42, R10
	MOVW $0x1234, R11
	MOVB $0x7f, R12B
	MOVQ $5, 8(SP)
	MOVL $-3, (AX)
	MOVW $9, 2(BX)
	MOVB $200, 3(CX)
	RET
