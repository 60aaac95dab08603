// Frames around StackSmall (128). With the BP slot, 120 becomes 128: no longer below StackSmall,
// so even its leaf gets the check, in the short CMPQ SP form; 128 and 200 use the LEAQ form.
// For each frame size: a leaf without NOSPLIT (small leaves become NOSPLIT automatically),
// an explicit NOSPLIT leaf, and a function that CALLs (always gets the stack-split check).
#include "textflag.h"

TEXT ·leaf120(SB), $120-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit120(SB), NOSPLIT, $120-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls120(SB), $120-8
	MOVQ x+0(FP), AX
	CALL ·leaf120(SB)
	RET

TEXT ·leaf128(SB), $128-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit128(SB), NOSPLIT, $128-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls128(SB), $128-8
	MOVQ x+0(FP), AX
	CALL ·leaf128(SB)
	RET

TEXT ·leaf200(SB), $200-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit200(SB), NOSPLIT, $200-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls200(SB), $200-8
	MOVQ x+0(FP), AX
	CALL ·leaf200(SB)
	RET

