// Small frames 0, 8, 16 and 24: the BP slot is added only to non-empty frames (and to $0
// functions that CALL), how the leaf rule drops the check, and the CMPQ SP, 16(R14) check.
// For each frame size: a leaf without NOSPLIT (small leaves become NOSPLIT automatically),
// an explicit NOSPLIT leaf, and a function that CALLs (always gets the stack-split check).
#include "textflag.h"

TEXT ·leaf0(SB), $0-8
	MOVQ x+0(FP), AX
	INCQ AX
	RET

TEXT ·nosplit0(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls0(SB), $0-8
	MOVQ x+0(FP), AX
	CALL ·leaf0(SB)
	RET

TEXT ·leaf8(SB), $8-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit8(SB), NOSPLIT, $8-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls8(SB), $8-8
	MOVQ x+0(FP), AX
	CALL ·leaf8(SB)
	RET

TEXT ·leaf16(SB), $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit16(SB), NOSPLIT, $16-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls16(SB), $16-8
	MOVQ x+0(FP), AX
	CALL ·leaf16(SB)
	RET

TEXT ·leaf24(SB), $24-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit24(SB), NOSPLIT, $24-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls24(SB), $24-8
	MOVQ x+0(FP), AX
	CALL ·leaf24(SB)
	RET

