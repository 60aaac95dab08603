// NOFRAME on amd64 with $0: no BP save is inserted even when the function CALLs, and only
// the stack-split check (if not NOSPLIT) is added. TOPFRAME marks an unwinder stop.
#include "textflag.h"

TEXT ·noframeLeaf(SB), NOFRAME|NOSPLIT, $0-0
	MOVQ 8(SP), AX
	RET

TEXT ·noframeCalls(SB), NOFRAME, $0-0
	CALL ·noframeLeaf(SB)
	RET

TEXT ·noframeNosplitCalls(SB), NOFRAME|NOSPLIT, $0-0
	CALL ·noframeLeaf(SB)
	RET

TEXT ·topframe(SB), TOPFRAME|NOSPLIT, $0-0
	CALL ·noframeLeaf(SB)
	RET
