// pingpong: three goroutines taking turns with runtime.Gosched, as go1.13 schedules them on
// one P (no preemption, no other M).
//
//   func main() {
//       go player(1, 3)
//       go player(2, 3)
//       for i := 0; i < 4; i++ { println("main", i); runtime.Gosched() }
//   }
//   func player(id, n int) { for i := 0; i < n; i++ { println(id, i); runtime.Gosched() } }
//
// Derived by hand from go1.13's proc.go. Each `go` puts the new g in runnext; the second
// one pushes the first to the local queue: runnext = g3, runq = [g2]. Gosched puts the
// caller on the global queue. schedule() looks at the global queue first when
// schedtick % 61 == 0, and schedtick is still 0 at main's first Gosched (main was started
// from runnext, which inherits the time slice), so main runs again at once: "main 0",
// "main 1". Then runnext g3 ("2 0"), then g2 from the local queue ("1 0"); with the local
// queue empty, findrunnable moves the whole global queue [main, g3, g2] to the P and runs
// main; from then on the order repeats: main, 2, 1. main returns after "main 3" and the
// players' last turn, and runtime.main exits before they return.
#include "textflag.h"

// func main()
// Frame: 0..31 outgoing arguments (newproc: siz, fn, id, n), 32 i.
TEXT main·main(SB), $40-0
	MOVL	$16, 0(SP)		// go player(1, 3)
	MOVQ	$main·player·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$1, 16(SP)
	MOVQ	$3, 24(SP)
	CALL	runtime·newproc(SB)
	MOVL	$16, 0(SP)		// go player(2, 3)
	MOVQ	$main·player·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$2, 16(SP)
	MOVQ	$3, 24(SP)
	CALL	runtime·newproc(SB)
	MOVQ	$0, 32(SP)
loop:
	CMPQ	32(SP), $4
	JGE	done
	CALL	runtime·printlock(SB)
	MOVQ	$mainText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVQ	32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	CALL	runtime·Gosched(SB)
	INCQ	32(SP)
	JMP	loop
done:
	RET

// func player(id, n int)
// Frame: 0..7 outgoing argument, 8 i.
TEXT main·player(SB), $16-16
	MOVQ	$0, 8(SP)
loop:
	MOVQ	8(SP), AX
	CMPQ	AX, n+8(FP)
	JGE	done
	CALL	runtime·printlock(SB)
	MOVQ	id+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	CALL	runtime·Gosched(SB)
	INCQ	8(SP)
	JMP	loop
done:
	RET

DATA	main·player·f+0(SB)/8, $main·player(SB)
GLOBL	main·player·f(SB), RODATA, $8
DATA	mainText<>+0(SB)/4, $"main"
GLOBL	mainText<>(SB), RODATA, $4
