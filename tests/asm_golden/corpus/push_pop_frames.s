// PUSHQ/POPQ inside a frame: Go tracks the SP adjustment, so FP- and pseudo-SP-relative
// operands after a PUSH shift by 8 per pushed word; hardware off(SP) operands do not.
#include "textflag.h"

TEXT ·pushInFrame(SB), NOSPLIT, $24-16
	MOVQ a+0(FP), AX
	PUSHQ AX
	MOVQ a+0(FP), BX
	MOVQ BX, x-8(SP)
	MOVQ 0(SP), CX
	PUSHFQ
	MOVQ a+0(FP), DX
	POPFQ
	POPQ AX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·pushCall(SB), $16-8
	PUSHQ BP
	PUSHQ $42
	CALL ·pushInFrame(SB)
	POPQ AX
	POPQ BP
	MOVQ AX, ret+0(FP)
	RET

TEXT ·explicitAdjust(SB), NOSPLIT, $0-8
	SUBQ $16, SP
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	ADDQ $16, SP
	RET
