// goroutine_panic: a goroutine other than main dereferences nil. gopanic first runs the
// goroutine's deferred call (its output comes before the report), then prints the panic and
// the goroutine's own traceback, which ends with the go statement that created it. goemu
// does not model go1.13's system goroutines (forcegc, bgsweep, bgscavenge take goids 2-4
// there), so this goroutine is number 2.
//
//   func main()        { go crash(5); for { runtime.Gosched() } }
//   func crash(n int)  { defer note(n); var p *int; *p = n }
//   func note(n int)   { println("deferred", n) }
//
// Exit status: 2
#include "textflag.h"
#include "go_asm.h"

// func main()
TEXT main·main(SB), $24-0
	MOVL	$8, 0(SP)
	MOVQ	$main·crash·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$5, 16(SP)
	CALL	runtime·newproc(SB)
spin:
	CALL	runtime·Gosched(SB)
	JMP	spin

// func crash(n int)
// Frame: 0..7 outgoing argument, 8..55 note's _defer record, 56..63 its argument.
TEXT main·crash(SB), $64-8
	MOVL	$8, (8+_defer_siz)(SP)
	MOVQ	$main·note·f(SB), AX
	MOVQ	AX, (8+_defer_fn)(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 56(SP)
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recover
	XORL	BX, BX			// p = nil
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(BX)		// *p = n
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recover:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func note(n int)
TEXT main·note(SB), $16-8
	CALL	runtime·printlock(SB)
	MOVQ	$deferredText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

DATA	main·crash·f+0(SB)/8, $main·crash(SB)
GLOBL	main·crash·f(SB), RODATA, $8
DATA	main·note·f+0(SB)/8, $main·note(SB)
GLOBL	main·note·f(SB), RODATA, $8
DATA	deferredText<>+0(SB)/8, $"deferred"
GLOBL	deferredText<>(SB), RODATA, $8
