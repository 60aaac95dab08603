// divide_zero: IDIVQ by zero in a goroutine-free program. The CPU raises #DE, Linux sends
// SIGFPE with FPE_INTDIV and the faulting PC as the address; sigpanic calls panicdivide.
// A deferred call of main runs before the report, as every deferred call does in a panic.
//
//   func main() { defer report(7); println(div(10, 0)) }
//   func div(a, b int) int { return a / b }
//
// Exit status: 2
#include "textflag.h"
#include "go_asm.h"

// func main()
// Frame: 0..15 outgoing arguments, 16..63 the _defer record, 64..71 its argument.
TEXT main·main(SB), $72-0
	MOVL	$8, 16+_defer_siz(SP)
	MOVQ	$reportFV<>(SB), AX
	MOVQ	AX, 16+_defer_fn(SP)
	MOVQ	$7, 64(SP)
	LEAQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	MOVQ	$10, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	main·div(SB)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func div(a, b int) int
TEXT main·div(SB), NOSPLIT, $0-24
	MOVQ	a+0(FP), AX
	CQO
	IDIVQ	b+8(FP)
	MOVQ	AX, ret+16(FP)
	RET

// func report(n int): println(n)
TEXT main·report(SB), $8-8
	CALL	runtime·printlock(SB)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

DATA	reportFV<>+0(SB)/8, $main·report(SB)
GLOBL	reportFV<>(SB), RODATA, $8
