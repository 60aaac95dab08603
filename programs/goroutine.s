// goroutine: seed 003's example.
//
//   func main() {
//       i := 69
//       j := 100
//       go func(arg1, arg2 int) { println(arg1 + arg2) }(i, j)
//       for !done { runtime.Gosched() }      // the seed sleeps; goemu has no timers
//   }
//
// The `go` statement is newproc(16, &func1·f) with the two arguments right after fn in
// main's outgoing area (the seed's drawing: siz, fn, 69, 100). newproc1 copies them to the
// top of the new goroutine's 2 KiB stack and queues it in runnext; main's Gosched puts main
// on the global queue, so the new goroutine runs, prints 169, sets done and exits through
// goexit; then main runs again, sees done and returns.
#include "textflag.h"

GLOBL	main·done(SB), NOPTR, $1

// func main()
// Frame: 0..31 newproc's arguments (siz, fn, arg1, arg2), 32 i, 40 j.
TEXT main·main(SB), $48-0
	MOVQ	$69, 32(SP)		// i
	MOVQ	$100, 40(SP)		// j
	MOVL	$16, 0(SP)		// siz: two ints
	LEAQ	main·main·func1·f(SB), AX
	MOVQ	AX, 8(SP)		// fn
	MOVQ	32(SP), AX
	MOVQ	AX, 16(SP)		// arg1 = i
	MOVQ	40(SP), AX
	MOVQ	AX, 24(SP)		// arg2 = j
	CALL	runtime·newproc(SB)
wait:
	CMPB	main·done(SB), $0
	JNE	finished
	CALL	runtime·Gosched(SB)
	JMP	wait
finished:
	RET

// func(arg1, arg2 int), the goroutine's body.
TEXT main·main·func1(SB), $16-16
	MOVQ	arg1+0(FP), AX
	ADDQ	arg2+8(FP), AX
	MOVQ	AX, 8(SP)		// keep the sum across printlock
	CALL	runtime·printlock(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	MOVB	$1, main·done(SB)
	RET

DATA	main·main·func1·f+0(SB)/8, $main·main·func1(SB)
GLOBL	main·main·func1·f(SB), RODATA, $8
