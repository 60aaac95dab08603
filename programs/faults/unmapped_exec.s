// unmapped_exec: a call to an address nothing maps (0xdead0000). SEGV_MAPERR at the target;
// not near 0, so go1.13 prints "unexpected fault address" and throws "fault".
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	MOVQ	$0xdead0000, AX
	CALL	AX
	RET
