// A 70000-byte frame: the huge-frame check with wraparound guard, and displacements > 16 bits.
// For each frame size: a leaf without NOSPLIT (small leaves become NOSPLIT automatically),
// an explicit NOSPLIT leaf, and a function that CALLs (always gets the stack-split check).
#include "textflag.h"

TEXT ·leaf70000(SB), $70000-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit70000(SB), NOSPLIT, $70000-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls70000(SB), $70000-8
	MOVQ x+0(FP), AX
	CALL ·leaf70000(SB)
	RET

