// unsupported: XGETBV, which goemu's interpreter does not implement (its CPUID does not
// advertise OSXSAVE either, and a CPU without it raises #UD for XGETBV). goemu says so in
// one line, then reports it as the #UD a real CPU would raise: SIGILL, as go1.13's
// sighandler prints it.
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	CALL	main·probe(SB)
	RET

// func probe() uint32: XCR0's low half.
TEXT main·probe(SB), NOSPLIT, $0-0
	XORL	CX, CX
	XGETBV
	RET
