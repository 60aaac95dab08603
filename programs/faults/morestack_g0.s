// morestack_g0: a function run on the system stack through systemstack whose frame does not
// fit in g0's 64 KiB. g0's stack cannot grow: morestack writes "fatal: morestack on g0" and
// calls abort, whose INT $3 is a SIGTRAP that go1.13's sighandler throws on. The trapping g
// is g0 (goroutine 0, status idle); its trace stops at morestack, a top frame for go1.13's
// traceback, and goroutine 1 follows from where systemstack parked it (systemstack_switch).
//
//   func main() { systemstack(huge) }
//   func huge() { var buf [70000]byte; ... }
//
// Exit status: 2
#include "textflag.h"
#include "funcdata.h"

TEXT main·main(SB), $8-0
	MOVQ	$main·huge·f(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	RET

TEXT main·huge(SB), $70000-0
	NO_LOCAL_POINTERS
	MOVQ	$1, 0(SP)
	RET

DATA	main·huge·f+0(SB)/8, $main·huge(SB)
GLOBL	main·huge·f(SB), RODATA, $8
