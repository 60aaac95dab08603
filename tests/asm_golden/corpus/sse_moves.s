// SSE moves the runtime uses: MOVQ/MOVL (and the MOVD alias) between general and X registers,
// MOVQ X to X and to memory, MOVOU/MOVO/MOVOA, MOVUPS/MOVAPS, MOVSD/MOVSS, MOVNTO, with low
// and extended (X8-X15) registers.
#include "textflag.h"

TEXT ·sseMoves(SB), NOSPLIT, $0-0
	MOVQ AX, X0
	MOVQ X1, BX
	MOVQ R9, X10
	MOVQ X15, R15
	MOVD CX, X2
	MOVL DX, X3
	MOVL X4, SI
	MOVQ X5, X6
	MOVQ (DI), X7
	MOVQ X8, 8(SP)
	MOVOU (SI), X0
	MOVOU X1, 16(DI)
	MOVOU X9, X10
	MOVO (AX), X11
	MOVO X12, (BX)
	MOVOA 32(SP), X13
	MOVUPS (R8), X14
	MOVUPS X14, (R9)
	MOVAPS X0, X1
	MOVAPS 64(SP), X15
	MOVSD X2, X3
	MOVSD (CX), X4
	MOVSS X5, 4(DX)
	MOVNTO X6, (DI)
	RET
