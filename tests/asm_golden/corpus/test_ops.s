// TEST in all widths: reg-reg, reg-mem, and immediate against register and memory.
#include "textflag.h"

TEXT ·testOps(SB), NOSPLIT, $0-0
	TESTQ AX, AX
	TESTQ R8, BX
	TESTQ AX, (CX)
	TESTQ $7, BX
	TESTQ $0x1000, (SP)
	TESTL CX, DX
	TESTL $1, R10
	TESTW SI, DI
	TESTW $0x100, 4(AX)
	TESTB AL, AL
	TESTB $0x80, BL
	TESTB $1, 3(R14)
	TESTB R9B, (DX)
	RET
