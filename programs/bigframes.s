// bigframes: stack growth in a goroutine other than main, through all three of go1.13's
// prologue checks, a closure whose context (DX) must survive the copies, and a defer record
// living on a stack that is copied before it runs.
//
//   func main() { go grower(); for !done { runtime.Gosched() } }
//   func grower() {
//       defer report(42)                      // record in grower's frame, on the 2 KiB stack
//       println("big", f4088(), f5000(), f70000())
//       x := 7
//       var down func(n int) int
//       down = func(n int) int { if n == 0 { return x }; return down(n-1) + 1 }
//       println("closure", down(10000))
//   }
//
// f4088's frame (4096 with the BP slot) takes the "big" check (LEAQ -(4096-128)(SP)); f5000 and
// f70000 the "huge" one. Each returns its declared frame size after writing both ends of its
// frame. The goroutine's stack doubles 2K→4K→8K for f4088, then to 128 KiB for f70000, and to
// 512 KiB for the closure recursion, every time from the closure's own prologue (morestack,
// not morestack_noctxt, so g.sched.ctxt carries DX across). The stack record of `defer
// report(42)` moves with every copy (copystack adjusts g._defer and the record's sp), so
// grower's deferreturn still finds it: "deferred 42" is printed last.
#include "textflag.h"
#include "go_asm.h"
#include "funcdata.h"

GLOBL	main·done(SB), NOPTR, $1

TEXT main·main(SB), $16-0
	MOVL	$0, 0(SP)
	MOVQ	$main·grower·f(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·newproc(SB)
wait:
	CMPB	main·done(SB), $0
	JNE	finished
	CALL	runtime·Gosched(SB)
	JMP	wait
finished:
	RET

// func grower()
// Frame: 0..15 outgoing arguments, 16..63 report's _defer record, 64..71 its argument,
// 72..87 the closure object {F, x}, 88 the closure's result.
TEXT main·grower(SB), $96-0
	NO_LOCAL_POINTERS
	MOVL	$8, (16+_defer_siz)(SP)
	MOVQ	$main·report·f(SB), AX
	MOVQ	AX, (16+_defer_fn)(SP)
	MOVQ	$42, 64(SP)
	LEAQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recover

	CALL	runtime·printlock(SB)
	MOVQ	$bigText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$3, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	main·f4088(SB)
	CALL	main·printsp_int(SB)
	CALL	main·f5000(SB)
	CALL	main·printsp_int(SB)
	CALL	main·f70000(SB)
	CALL	main·printsp_int(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)

	MOVQ	$main·grower·func1(SB), AX
	MOVQ	AX, 72(SP)		// closure.F
	MOVQ	$7, 80(SP)		// closure.x
	LEAQ	72(SP), DX		// DX = &closure
	MOVQ	$10000, 0(SP)
	MOVQ	0(DX), AX
	CALL	AX
	MOVQ	8(SP), AX
	MOVQ	AX, 88(SP)
	CALL	runtime·printlock(SB)
	MOVQ	$closureText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$7, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	88(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·printsp_int(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recover:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func(n int) int, capturing x at 8(DX) and calling itself through the same closure.
// Frame: 0..15 the recursive call's argument and result, 16 the closure pointer.
TEXT main·grower·func1(SB), NEEDCTXT, $24-16
	NO_LOCAL_POINTERS
	MOVQ	n+0(FP), AX
	TESTQ	AX, AX
	JNE	recurse
	MOVQ	8(DX), AX		// x, read through DX after every stack copy
	MOVQ	AX, ret+8(FP)
	RET
recurse:
	MOVQ	DX, 16(SP)
	DECQ	AX
	MOVQ	AX, 0(SP)
	MOVQ	0(DX), AX
	CALL	AX
	MOVQ	8(SP), AX
	INCQ	AX
	MOVQ	AX, ret+8(FP)
	RET

// func f4088() int, f5000() int, f70000() int: touch both ends of the frame, return its size.
#define BIGFRAME(name, size) \
TEXT name(SB), $size-8; \
	NO_LOCAL_POINTERS; \
	MOVQ	$size, 0(SP); \
	MOVQ	$size, (size-8)(SP); \
	MOVQ	0(SP), AX; \
	MOVQ	AX, ret+0(FP); \
	RET

BIGFRAME(main·f4088, 4088)
BIGFRAME(main·f5000, 5000)
BIGFRAME(main·f70000, 70000)

// func printsp_int(v int): printsp(); printint(v), for v at 0(SP) of the caller (a result).
TEXT main·printsp_int(SB), $8-8
	CALL	runtime·printsp(SB)
	MOVQ	v+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET

// func report(n int): println("deferred", n); done = true
TEXT main·report(SB), $16-8
	CALL	runtime·printlock(SB)
	MOVQ	$deferredText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	main·printsp_int(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	MOVB	$1, main·done(SB)
	RET

DATA	main·grower·f+0(SB)/8, $main·grower(SB)
GLOBL	main·grower·f(SB), RODATA, $8
DATA	main·report·f+0(SB)/8, $main·report(SB)
GLOBL	main·report·f(SB), RODATA, $8
DATA	bigText<>+0(SB)/3, $"big"
GLOBL	bigText<>(SB), RODATA, $3
DATA	closureText<>+0(SB)/7, $"closure"
GLOBL	closureText<>(SB), RODATA, $7
DATA	deferredText<>+0(SB)/8, $"deferred"
GLOBL	deferredText<>(SB), RODATA, $8
