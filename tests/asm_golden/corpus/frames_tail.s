// Control leaving a framed function other than by RET: a tail JMP to another function (Go
// inserts no epilogue), several RETs (each gets the epilogue), UNDEF after a call, and a
// loop label on the first instruction, which must land after the inserted prologue.
#include "textflag.h"

TEXT ·callee(SB), NOSPLIT, $0-0
	RET

TEXT ·tailJump(SB), $16-0
	CALL ·callee(SB)
	JMP ·callee(SB)

TEXT ·twoReturns(SB), $24-8
	CMPQ AX, $0
	JEQ second
	CALL ·callee(SB)
	RET
second:
	MOVQ AX, ret+0(FP)
	RET

TEXT ·loopAtStart(SB), $8-0
top:
	DECQ CX
	CALL ·callee(SB)
	JNE top
	RET

TEXT ·undef(SB), NOSPLIT, $0-0
	CALL ·callee(SB)
	UNDEF
