// WRAPPER: after the frame is set up Go inserts the g._panic.argp fix-up (load g._panic,
// compare its argp with the caller's argument pointer, rewrite it). With frames 0, 24 and
// 5000, with and without NOSPLIT, and combined with NEEDCTXT.
#include "textflag.h"

TEXT ·wrap0(SB), WRAPPER|NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	RET

TEXT ·wrap24(SB), WRAPPER, $24-16
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·wrap0(SB)
	MOVQ AX, ret+8(FP)
	RET

TEXT ·wrap5000(SB), WRAPPER, $5000-0
	CALL ·wrap0(SB)
	RET

TEXT ·wrapCtxt(SB), WRAPPER|NEEDCTXT, $8-0
	MOVQ 0(DX), AX
	CALL ·wrap0(SB)
	RET
