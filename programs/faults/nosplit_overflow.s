// nosplit_overflow: a NOSPLIT function whose frame is bigger than the 2 KiB goroutine stack
// it runs on. NOSPLIT skips the stack check, so its frame reaches below stack.lo (into the
// unused stack slot below, no fault yet); the first function with a check that it calls
// finds SP under the guard, and newstack sees SP below the stack itself: go1.13 throws
// "runtime: split stack overflow". (go1.13's linker rejects such a chain up front with
// "nosplit stack overflow"; goemu's does not, so this is what running it looks like.)
//
//   //go:nosplit
//   func big() { var buf [2400]byte; use(&buf); leaf() }
//   func leaf() { println() }
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	CALL	main·big(SB)
	RET

TEXT main·big(SB), NOSPLIT, $2400-0
	MOVQ	$1, 2392(SP)		// the top of the frame is still on the stack
	CALL	main·leaf(SB)
	RET

TEXT main·leaf(SB), $8-0
	CALL	runtime·printnl(SB)
	RET
