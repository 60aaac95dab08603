// stackgrow_bench: goroutines whose recursion grows their stack from 2 KiB to 64 KiB, five
// doublings (morestack, newstack, copystack on each), started one after another, for
// bench/run's go_programs. Each exits with the grown stack, which gfput frees (stackfree);
// the next goroutine reuses the g and gets a fresh 2 KiB stack, so every one grows again.
// Prints "stackgrow_bench N total": N goroutines, total = N * sum(1000) = N * 500500.
//
//   var finished, total int
//   func grow() { total += sum(1000); finished++ }     // common.s's sum: 32 KiB of frames
//   func main() {
//       n := benchCount(1200)
//       for i := 0; i < n; i++ { go grow(); for finished <= i { runtime.Gosched() } }
//       println("stackgrow_bench", n, total)
//   }
//
// About 94,000 instructions per goroutine (19,000 of them in sum), 113 million by default.
#include "textflag.h"

GLOBL	main·finished(SB), NOPTR, $8
GLOBL	main·total(SB), NOPTR, $8

// func grow()
TEXT main·grow(SB), $16-0
	MOVQ	$1000, 0(SP)
	CALL	main·sum(SB)
	MOVQ	8(SP), AX
	ADDQ	AX, main·total(SB)
	INCQ	main·finished(SB)
	RET

// func main()
// Frame: 0..31 outgoing arguments, 32 i, 40 the count.
TEXT main·main(SB), $48-0
	MOVQ	$1200, 0(SP)
	CALL	main·benchCount(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 40(SP)
	MOVQ	$0, 32(SP)
again:
	MOVQ	32(SP), AX
	CMPQ	AX, 40(SP)
	JGE	report
	MOVL	$0, 0(SP)		// go grow(): siz, fn
	MOVQ	$main·grow·f(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·newproc(SB)
wait:
	MOVQ	main·finished(SB), AX
	CMPQ	AX, 32(SP)
	JGT	next
	CALL	runtime·Gosched(SB)
	JMP	wait
next:
	INCQ	32(SP)
	JMP	again
report:
	MOVQ	$name<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$15, 8(SP)
	MOVQ	40(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	main·total(SB), AX
	MOVQ	AX, 24(SP)
	CALL	main·printResult(SB)
	RET

DATA	main·grow·f+0(SB)/8, $main·grow(SB)
GLOBL	main·grow·f(SB), RODATA, $8
DATA	name<>+0(SB)/8, $"stackgro"
DATA	name<>+8(SB)/7, $"w_bench"
GLOBL	name<>(SB), RODATA, $15
