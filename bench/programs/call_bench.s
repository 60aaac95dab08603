// call_bench: the reference rate for the runtime-model workloads (bench/run's go_programs):
// common.s's sum, bench/workloads.S's call_heavy recursion with the assembler's stack check
// and frame pointer at every level, run on goroutine 1 under the runtime model.
// Prints "call_bench N total": N repetitions of sum(1000), total = N * 500500.
//
//   func main() { n := benchCount(6000); t := 0; for i := 0; i < n; i++ { t += sum(1000) }; println("call_bench", n, t) }
//
// About 18,800 instructions per repetition (19 per level),
// 113 million by default.
#include "textflag.h"

// func main()
// Frame: 0..31 outgoing arguments, 32 the total, 40 repetitions left, 48 the count.
TEXT main·main(SB), $56-0
	MOVQ	$6000, 0(SP)
	CALL	main·benchCount(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 40(SP)
	MOVQ	AX, 48(SP)
	MOVQ	$0, 32(SP)
again:
	CMPQ	40(SP), $0
	JLE	report
	MOVQ	$1000, 0(SP)
	CALL	main·sum(SB)
	MOVQ	8(SP), AX
	ADDQ	AX, 32(SP)		// total += sum(1000)
	DECQ	40(SP)
	JMP	again
report:
	MOVQ	$name<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$10, 8(SP)
	MOVQ	48(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 24(SP)
	CALL	main·printResult(SB)
	RET

DATA	name<>+0(SB)/8, $"call_ben"
DATA	name<>+8(SB)/2, $"ch"
GLOBL	name<>(SB), RODATA, $10
