// gostmt: the go statement's calling sequence, two ways. newproc(siz int32, fn *funcval) finds
// siz at 0(SP), fn at 8(SP) and fn's arguments from 16(SP) of its caller; rt0_go builds that
// with PUSHQs (PUSHQ $siz sign-extends, the int32 is the low half), compiled Go with MOVs into
// the outgoing area. siz is the arguments' size in bytes, not rounded: 17 for
// (int32, int64, byte), which newproc1 rounds up to 24 for the new stack and copies 17 of.
//
//   var done int
//   func main() {
//       go add(20, 22)                  // PUSHQ 22; PUSHQ 20; PUSHQ fn; PUSHQ 16; CALL; 4 POPQs
//       go mixed(-5, 1<<40, 'x')        // MOVL $17, 0(SP); fn at 8; args at 16, 24, 32
//       for done < 2 { runtime.Gosched() }
//   }
//
// The second go statement takes runnext and pushes add to the local queue, so mixed prints
// first (main's first Gosched comes straight back to main: schedtick is 0).
#include "textflag.h"

GLOBL	main·done(SB), NOPTR, $8

// func main()
// Frame: 0..40 the second go statement's arguments.
TEXT main·main(SB), $48-0
	PUSHQ	$22
	PUSHQ	$20
	MOVQ	$main·add·f(SB), AX
	PUSHQ	AX
	PUSHQ	$16
	CALL	runtime·newproc(SB)
	POPQ	AX			// POPs, not ADDQ $32, SP: Go's assembler only
	POPQ	AX			// tracks PUSH/POP when it checks the balance at RET
	POPQ	AX
	POPQ	AX
	MOVL	$17, 0(SP)
	MOVQ	$main·mixed·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$-5, 16(SP)
	MOVQ	$0x10000000000, AX
	MOVQ	AX, 24(SP)
	MOVB	$'x', 32(SP)
	MOVB	$0x77, 33(SP)		// past siz: must not reach the goroutine
	CALL	runtime·newproc(SB)
wait:
	CMPQ	main·done(SB), $2
	JGE	finished
	CALL	runtime·Gosched(SB)
	JMP	wait
finished:
	RET

// func add(a, b int)
TEXT main·add(SB), $16-16
	CALL	runtime·printlock(SB)
	MOVQ	$addText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$3, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVQ	a+0(FP), AX
	ADDQ	b+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	INCQ	main·done(SB)
	RET

// func mixed(a int32, b int64, c byte): prints a, b, c and the byte after c in the frame,
// which newproc1 did not copy (the new stack is zeroed), so 0.
TEXT main·mixed(SB), $16-17
	CALL	runtime·printlock(SB)
	MOVQ	$mixedText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$5, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVLQSX	a+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	b+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVBQZX	c+16(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	LEAQ	c+16(FP), AX
	MOVBQZX	1(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	INCQ	main·done(SB)
	RET

DATA	main·add·f+0(SB)/8, $main·add(SB)
GLOBL	main·add·f(SB), RODATA, $8
DATA	main·mixed·f+0(SB)/8, $main·mixed(SB)
GLOBL	main·mixed·f(SB), RODATA, $8
DATA	addText<>+0(SB)/3, $"add"
GLOBL	addText<>(SB), RODATA, $3
DATA	mixedText<>+0(SB)/5, $"mixed"
GLOBL	mixedText<>(SB), RODATA, $5
