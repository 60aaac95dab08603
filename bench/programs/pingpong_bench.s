// pingpong_bench: two goroutines taking turns through runtime.Gosched (mcall, gosched_m,
// globrunqput, schedule, gogo at every turn), for bench/run's go_programs.
// Prints "pingpong_bench N turns": N rounds each, turns = every turn taken = 2N.
//
//   var turns int; var done bool
//   func main() {
//       n := benchCount(200000)
//       go player(n)
//       for i := 0; i < n; i++ { turns++; runtime.Gosched() }
//       for !done { runtime.Gosched() }
//       println("pingpong_bench", n, turns)
//   }
//   func player(n int) { for i := 0; i < n; i++ { turns++; runtime.Gosched() }; done = true }
//
// Gosched puts the caller on the global queue, so the two alternate, except when schedule
// takes the global queue first (every 61st schedtick) and the caller runs again at once.
// About 515 instructions per round (257 per turn), 103 million by default.
#include "textflag.h"

GLOBL	main·turns(SB), NOPTR, $8
GLOBL	main·done(SB), NOPTR, $1

// func main()
// Frame: 0..31 outgoing arguments, 32 rounds left, 40 the count.
TEXT main·main(SB), $48-0
	MOVQ	$200000, 0(SP)
	CALL	main·benchCount(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 32(SP)
	MOVQ	AX, 40(SP)
	MOVL	$8, 0(SP)		// go player(n): siz, fn, n
	MOVQ	$main·player·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	40(SP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·newproc(SB)
play:
	CMPQ	32(SP), $0
	JLE	wait
	INCQ	main·turns(SB)
	CALL	runtime·Gosched(SB)
	DECQ	32(SP)
	JMP	play
wait:
	CMPB	main·done(SB), $0
	JNE	report
	CALL	runtime·Gosched(SB)
	JMP	wait
report:
	MOVQ	$name<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$14, 8(SP)
	MOVQ	40(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	main·turns(SB), AX
	MOVQ	AX, 24(SP)
	CALL	main·printResult(SB)
	RET

// func player(n int)
// Frame: 0 rounds left.
TEXT main·player(SB), $8-8
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
play:
	CMPQ	0(SP), $0
	JLE	finished
	INCQ	main·turns(SB)
	CALL	runtime·Gosched(SB)
	DECQ	0(SP)
	JMP	play
finished:
	MOVB	$1, main·done(SB)
	RET

DATA	main·player·f+0(SB)/8, $main·player(SB)
GLOBL	main·player·f(SB), RODATA, $8
DATA	name<>+0(SB)/8, $"pingpong"
DATA	name<>+8(SB)/6, $"_bench"
GLOBL	name<>(SB), RODATA, $14
