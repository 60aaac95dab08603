// out_of_memory: unbounded recursion under a guest memory cap of 8 MiB (--max-memory). Each
// morestack doubles the stack; the 8 MiB one no longer fits under the cap, so stackalloc
// fails the way go1.13's allocator does when the OS refuses memory: "runtime: out of memory",
// "fatal error: out of memory", then g0's frames (newstack asked for the stack) and the
// goroutine. goemu names the limit first.
//
//   func f(n int) { f(n + 1) }
//
// Run flags: --max-memory 8388608
// Exit status: 2
#include "textflag.h"
#include "funcdata.h"

TEXT main·main(SB), $8-0
	MOVQ	$0, 0(SP)
	CALL	main·f(SB)
	RET

TEXT main·f(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ	n+0(FP), AX
	INCQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·f(SB)
	RET
