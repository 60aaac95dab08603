// greuse: goroutines that return, and the g's they leave behind. A goroutine's entry function
// returns into goexit+1 (planted by newproc1), goexit1 mcalls goexit0, which marks the g dead
// and pushes it on the P's free list; the next go statement pops the most recently freed g.
// Each goroutine gets a new goid all the same.
//
//   var wave1 [4]*g; var done int
//   func main() {
//       for k := 1; k <= 3; k++ { go w(1, k) }
//       for done < 3 { runtime.Gosched() }
//       for k := 1; k <= 3; k++ { go w(2, k) }
//       for done < 6 { runtime.Gosched() }
//   }
//   func w(wave, k int)   // println("wave", wave, k, "goid", getg().goid, "reuses", j)
//                          // where wave1[j] == getg() (0: a fresh g), wave 1 records wave1[k]
//
// By hand (go1.13 proc.go): the third go statement leaves runnext = k3, runq = [k1, k2].
// main's first Gosched finds schedtick 0 and takes main back from the global queue; the
// second runs k3, k1, k2 in that order, each freed on exit: free list [g(k2), g(k1), g(k3)].
// Wave 2 pops them in that order (k1 gets wave 1's k2, k2 gets k1's, k3 gets k3's) with
// goids 5, 6, 7, and runs k3, k1, k2 again.
#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

GLOBL	main·wave1(SB), NOPTR, $32
GLOBL	main·done(SB), NOPTR, $8

// func main()
// Frame: 0..31 newproc's arguments (siz, fn, wave, k), 32 k.
TEXT main·main(SB), $40-0
	MOVQ	$1, 32(SP)
first:
	MOVL	$16, 0(SP)
	MOVQ	$main·w·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$1, 16(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 24(SP)
	CALL	runtime·newproc(SB)
	INCQ	32(SP)
	CMPQ	32(SP), $3
	JLE	first
wait1:
	CMPQ	main·done(SB), $3
	JGE	second_wave
	CALL	runtime·Gosched(SB)
	JMP	wait1
second_wave:
	MOVQ	$1, 32(SP)
second:
	MOVL	$16, 0(SP)
	MOVQ	$main·w·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$2, 16(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 24(SP)
	CALL	runtime·newproc(SB)
	INCQ	32(SP)
	CMPQ	32(SP), $3
	JLE	second
wait2:
	CMPQ	main·done(SB), $6
	JGE	finished
	CALL	runtime·Gosched(SB)
	JMP	wait2
finished:
	RET

// func w(wave, k int)
// Frame: 0..15 outgoing arguments, 16 g, 24 j.
TEXT main·w(SB), $32-16
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, 16(SP)		// this goroutine's g
	MOVQ	$0, 24(SP)		// j: which wave-1 g this is (0: none)
	MOVQ	$1, BX
find:
	CMPQ	BX, $3
	JGT	found
	CMPQ	main·wave1(SB)(BX*8), AX
	JNE	next
	MOVQ	BX, 24(SP)
next:
	INCQ	BX
	JMP	find
found:
	CMPQ	wave+0(FP), $1
	JNE	print
	MOVQ	k+8(FP), BX
	MOVQ	AX, main·wave1(SB)(BX*8)
print:
	CALL	runtime·printlock(SB)
	MOVQ	$waveText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	wave+0(FP), AX
	CALL	main·spint(SB)
	MOVQ	k+8(FP), AX
	CALL	main·spint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	$goidText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	16(SP), AX
	MOVQ	g_goid(AX), AX
	CALL	main·spint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	$reusesText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	24(SP), AX
	CALL	main·spint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	INCQ	main·done(SB)
	RET

// spint: printsp(); printint(AX). A helper of this file that takes its value in AX.
TEXT main·spint(SB), $16-0
	MOVQ	AX, 8(SP)
	CALL	runtime·printsp(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET

DATA	main·w·f+0(SB)/8, $main·w(SB)
GLOBL	main·w·f(SB), RODATA, $8
DATA	waveText<>+0(SB)/4, $"wave"
GLOBL	waveText<>(SB), RODATA, $4
DATA	goidText<>+0(SB)/4, $"goid"
GLOBL	goidText<>(SB), RODATA, $4
DATA	reusesText<>+0(SB)/6, $"reuses"
GLOBL	reusesText<>(SB), RODATA, $6
