// The $frame-args spellings ($0, $16-24, $0-0, and no args at all) and FP-relative named
// arguments and results: name+off(FP) becomes off+framesize+8(SP) after the prologue.
#include "textflag.h"

TEXT ·argsOnly(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	ADDQ BX, AX
	MOVQ AX, ret+16(FP)
	RET

TEXT ·frameAndArgs(SB), NOSPLIT, $16-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	MOVQ AX, 0(SP)
	MOVQ BX, 8(SP)
	MOVQ AX, ret+16(FP)
	RET

TEXT ·noArgsSize(SB), NOSPLIT, $8
	MOVQ $1, 0(SP)
	RET

TEXT ·narrowArgs(SB), NOSPLIT, $0-16
	MOVB flag+0(FP), AL
	MOVW half+2(FP), BX
	MOVL word+4(FP), CX
	MOVL CX, ret+8(FP)
	RET

TEXT ·leaArgs(SB), NOSPLIT, $32-8
	LEAQ p+0(FP), AX
	LEAQ x-8(SP), BX
	RET
