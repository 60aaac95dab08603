// deferloop: defer in a goroutine, both of go1.13's forms. A defer inside a loop may run
// many times per frame, so go1.13 compiles it to the heap form, deferproc(siz, fn, args...)
// (siz at 0(SP) as an int32, fn at 8(SP), the arguments from 16(SP)); a defer that runs
// once per frame gets a record in the frame and deferprocStack. Both test AX afterwards.
//
//   var done bool
//   func main() { go worker(3); for !done { runtime.Gosched() }; println("main done") }
//   func worker(n int) {
//       defer finish()
//       for i := 0; i < n; i++ { defer show(i, 10*i) }
//       println("worker body")
//   }
//   func show(a, b int) { println(a, b) }
//   func finish()      { println("finish"); done = true }
//
// Deferred calls run newest first at worker's deferreturn, each with its own copy of the
// arguments taken when the defer statement ran: 2 20, 1 10, 0 0, then finish. The worker
// then returns into goexit.
#include "textflag.h"
#include "go_asm.h"

GLOBL	main·done(SB), NOPTR, $1

// func main()
// Frame: 0..23 newproc's arguments (siz, fn, n).
TEXT main·main(SB), $24-0
	MOVL	$8, 0(SP)
	MOVQ	$main·worker·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$3, 16(SP)
	CALL	runtime·newproc(SB)
wait:
	CMPB	main·done(SB), $0
	JNE	finished
	CALL	runtime·Gosched(SB)
	JMP	wait
finished:
	CALL	runtime·printlock(SB)
	MOVQ	$mainDone<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$9, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func worker(n int)
// Frame: 0..31 deferproc's arguments (siz, fn, a, b), 32 i, 40..87 finish's _defer record.
TEXT main·worker(SB), $88-8
	MOVL	$0, (40+_defer_siz)(SP)	// defer finish()
	MOVQ	$main·finish·f(SB), AX
	MOVQ	AX, (40+_defer_fn)(SP)
	LEAQ	40(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recover
	MOVQ	$0, 32(SP)
loop:
	MOVQ	32(SP), AX
	CMPQ	AX, n+0(FP)
	JGE	body
	MOVL	$16, 0(SP)		// defer show(i, 10*i)
	MOVQ	$main·show·f(SB), CX
	MOVQ	CX, 8(SP)
	MOVQ	AX, 16(SP)
	IMULQ	$10, AX
	MOVQ	AX, 24(SP)
	CALL	runtime·deferproc(SB)
	TESTL	AX, AX
	JNE	recover
	INCQ	32(SP)
	JMP	loop
body:
	CALL	runtime·printlock(SB)
	MOVQ	$workerBody<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$11, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recover:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func show(a, b int)
TEXT main·show(SB), $8-16
	CALL	runtime·printlock(SB)
	MOVQ	a+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	b+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func finish()
TEXT main·finish(SB), $16-0
	CALL	runtime·printlock(SB)
	MOVQ	$finishText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	MOVB	$1, main·done(SB)
	RET

DATA	main·worker·f+0(SB)/8, $main·worker(SB)
GLOBL	main·worker·f(SB), RODATA, $8
DATA	main·show·f+0(SB)/8, $main·show(SB)
GLOBL	main·show·f(SB), RODATA, $8
DATA	main·finish·f+0(SB)/8, $main·finish(SB)
GLOBL	main·finish·f(SB), RODATA, $8
DATA	mainDone<>+0(SB)/8, $"main don"
DATA	mainDone<>+8(SB)/1, $"e"
GLOBL	mainDone<>(SB), RODATA, $9
DATA	workerBody<>+0(SB)/8, $"worker b"
DATA	workerBody<>+8(SB)/3, $"ody"
GLOBL	workerBody<>(SB), RODATA, $11
DATA	finishText<>+0(SB)/6, $"finish"
GLOBL	finishText<>(SB), RODATA, $6
