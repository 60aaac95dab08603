// defer: seed 001's go1.13 program, plus three defers that take arguments.
//
//   package main
//   func init() { threeDefers() }
//   func main() {
//       defer func() { println("defer") }()
//   }
//   func threeDefers() {
//       for the arguments 1, 2, 3: defer show(i)   (written out, not a loop)
//       println("threeDefers returns")
//   }
//   func show(n int) { println("deferred", n) }
//
// main·main is seed 001's `go tool compile -S` listing instruction for instruction: the
// _defer record lives in main's frame at 8(SP) (siz at +0, fn at +24 = 32(SP)), its address
// goes to deferprocStack, and both exits call deferreturn behind the XCHGL AX, AX no-op.
// The assembler inserts the split check and the frame ($64 plus the BP slot = the listing's
// 72 bytes). `goemu asm --goos windows -S programs/defer.s` reproduces the listing's offsets
// 0x00..0x6f and size 113 (windows loads g in 2 instructions); under linux it is 106 bytes.
// The listing's `""..autotmp_1+8(SP)` is the compiler's spelling of hardware 8(SP); in
// assembly source a named `name+8(SP)` would be the pseudo-SP (the top of the frame), so the
// source writes 8(SP).
#include "textflag.h"
#include "funcdata.h"

// func main()
TEXT main·main(SB), $64-0
	MOVL	$0, 8(SP)		// d.siz = 0: the closure takes no arguments
	LEAQ	main·main·func1·f(SB), AX
	MOVQ	AX, 32(SP)		// d.fn = &func1·f
	LEAQ	8(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// main.func1, the deferred closure: println("defer").
TEXT main·main·func1(SB), $16-0
	CALL	runtime·printlock(SB)
	MOVQ	$deferText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$5, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// The func value of main.func1 (nothing captured).
DATA	main·main·func1·f+0(SB)/8, $main·main·func1(SB)
GLOBL	main·main·func1·f(SB), RODATA, $8

DATA	deferText<>+0(SB)/5, $"defer"
GLOBL	deferText<>(SB), RODATA, $5

// func init(): runtime.main runs it before main.main.
TEXT main·init(SB), $0-0
	CALL	main·threeDefers(SB)
	RET

// func threeDefers()
// Three stack defer records, each followed by its 8-byte argument, at 16(SP), 72(SP) and
// 128(SP), built the way go1.13 compiles `defer show(n)`. They are linked newest first, so
// deferreturn runs show(3), show(2), show(1).
// Frame: 0..15 outgoing arguments (the largest call, printstring, takes a 16-byte string;
// deferreturn copies show's 8-byte argument to 0(SP)), then 3 x (48-byte record + argument),
// so no outgoing argument ever lands on a record.
TEXT main·threeDefers(SB), $184-0
	NO_LOCAL_POINTERS
	MOVL	$8, 16(SP)		// d.siz = 8: one int argument
	LEAQ	main·show·f(SB), AX
	MOVQ	AX, 40(SP)		// d.fn = &show·f
	MOVQ	$1, 64(SP)		// the argument, right after the 48-byte record
	LEAQ	16(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	MOVL	$8, 72(SP)
	LEAQ	main·show·f(SB), AX
	MOVQ	AX, 96(SP)
	MOVQ	$2, 120(SP)
	LEAQ	72(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	MOVL	$8, 128(SP)
	LEAQ	main·show·f(SB), AX
	MOVQ	AX, 152(SP)
	MOVQ	$3, 176(SP)
	LEAQ	128(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	CALL	runtime·printlock(SB)
	MOVQ	$returnsText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$19, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func show(n int): println("deferred", n)
TEXT main·show(SB), $16-8
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

DATA	main·show·f+0(SB)/8, $main·show(SB)
GLOBL	main·show·f(SB), RODATA, $8

DATA	deferredText<>+0(SB)/8, $"deferred"
GLOBL	deferredText<>(SB), RODATA, $8
DATA	returnsText<>+0(SB)/8, $"threeDef"
DATA	returnsText<>+8(SB)/8, $"ers retu"
DATA	returnsText<>+16(SB)/3, $"rns"
GLOBL	returnsText<>(SB), RODATA, $19
