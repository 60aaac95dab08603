// NEEDCTXT: the closure context arrives in DX, so the stack-split path calls
// runtime·morestack (which saves DX) instead of morestack_noctxt. Small, LEAQ-form and
// huge-form checks, and a NOSPLIT closure that never reaches morestack.
#include "textflag.h"

TEXT ·closureSmall(SB), NEEDCTXT, $16-8
	MOVQ 8(DX), AX
	MOVQ AX, ret+0(FP)
	CALL ·closureNosplit(SB)
	RET

TEXT ·closureMedium(SB), NEEDCTXT, $200-0
	MOVQ 8(DX), AX
	CALL ·closureNosplit(SB)
	RET

TEXT ·closureHuge(SB), NEEDCTXT, $70000-0
	MOVQ 8(DX), AX
	CALL ·closureNosplit(SB)
	RET

TEXT ·closureNosplit(SB), NEEDCTXT|NOSPLIT, $0-0
	MOVQ 8(DX), AX
	RET
