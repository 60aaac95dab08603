// panic_in_defer: a deferred call that faults while a panic runs it. The second panic finds
// the first one's record started, marks that panic aborted and, with no defer left, prints
// both, oldest first, the later one after a tab; the signal line is the second fault's. The
// traceback shows the deferred function, then gopanic as "panic(...)" between it and the
// frame whose fault started it all.
//
//   func main()  { defer bad(); println(div(1, 0)) }
//   func bad()   { var p *int; println(*p) }
//
// Exit status: 2
#include "textflag.h"
#include "go_asm.h"

// Frame: 0..15 outgoing arguments, 16..63 bad's _defer record.
TEXT main·main(SB), $64-0
	MOVL	$0, (16+_defer_siz)(SP)
	MOVQ	$main·bad·f(SB), AX
	MOVQ	AX, (16+_defer_fn)(SP)
	LEAQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recover
	MOVQ	$1, AX
	CQO
	XORL	CX, CX
	IDIVQ	CX			// 1 / 0
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recover:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

TEXT main·bad(SB), $8-0
	XORL	BX, BX
	MOVQ	0(BX), AX		// *p with p == nil
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET

DATA	main·bad·f+0(SB)/8, $main·bad(SB)
GLOBL	main·bad·f(SB), RODATA, $8
