// Frames around StackBig (4096). The BP slot adds 8: 4088 (4096 in all) is the largest frame
// with the LEAQ-based check; 4096 and 5000 (4104, 5008) take the huge-frame SUBQ/JCS check.
// For each frame size: a leaf without NOSPLIT (small leaves become NOSPLIT automatically),
// an explicit NOSPLIT leaf, and a function that CALLs (always gets the stack-split check).
#include "textflag.h"

TEXT ·leaf4088(SB), $4088-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit4088(SB), NOSPLIT, $4088-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls4088(SB), $4088-8
	MOVQ x+0(FP), AX
	CALL ·leaf4088(SB)
	RET

TEXT ·leaf4096(SB), $4096-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit4096(SB), NOSPLIT, $4096-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls4096(SB), $4096-8
	MOVQ x+0(FP), AX
	CALL ·leaf4096(SB)
	RET

TEXT ·leaf5000(SB), $5000-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	RET

TEXT ·nosplit5000(SB), NOSPLIT, $5000-8
	MOVQ x+0(FP), AX
	RET

TEXT ·calls5000(SB), $5000-8
	MOVQ x+0(FP), AX
	CALL ·leaf5000(SB)
	RET

