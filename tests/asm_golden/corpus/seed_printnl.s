// The seed article's example (004): printnl with and without NOSPLIT and an $8 frame that
// grows to 16 with the BP slot (size 29 when NOSPLIT), plus its recursive sum that needs
// stack growth.
#include "textflag.h"

TEXT ·printnl_nosplit(SB), NOSPLIT, $8
	CALL runtime·printnl(SB)
	RET

TEXT ·printnl(SB), $8
	CALL runtime·printnl(SB)
	RET

// func sum(n int) int
TEXT ·sum(SB), $16-16
	MOVQ n+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·sum(SB)
	MOVQ 8(SP), AX
	ADDQ n+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET
zero:
	MOVQ $0, ret+8(FP)
	RET
