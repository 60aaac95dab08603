// stack_overflow: unbounded recursion with a stack check, run with the stack limit lowered to
// 64 KiB. Each morestack doubles the stack until the next doubling would pass the limit; then
// newstack, on g0, prints the limit and throws "stack overflow": g0's frames as "runtime
// stack:", then goroutine 1 from where it asked for more stack, elided after 100 frames.
//
//   func f(n int) { f(n + 1) }
//
// Run flags: --max-stack 65536
// Exit status: 2
#include "textflag.h"
#include "funcdata.h"

TEXT main·main(SB), $8-0
	MOVQ	$0, 0(SP)
	CALL	main·f(SB)
	RET

// func f(n int)
TEXT main·f(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ	n+0(FP), AX
	INCQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·f(SB)
	RET
