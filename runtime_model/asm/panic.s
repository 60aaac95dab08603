// Fatal errors and defer records (go1.13 panic.go): throw, the bad* reporters, and the
// deferprocStack / deferproc / deferreturn protocol that jmpdefer closes.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func throw(s string)
// Prints "fatal error: <s>" on g0's stack, marks the m as throwing and ends the process
// through fatalthrow (traceback hook, exit status 2). Never returns.
// Frame: 0..7 systemstack's argument, 8..31 the closure throw.func1 {F, s.ptr, s.len}.
TEXT runtime·throw(SB), NOSPLIT, $32-16
	MOVQ	$runtime·throw·func1(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	s_base+0(FP), AX
	MOVQ	AX, 16(SP)
	MOVQ	s_len+8(FP), AX
	MOVQ	AX, 24(SP)
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)

	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX		// AX = m
	CMPL	m_throwing(AX), $0
	JNE	level_set		// a caller chose the level already (e.g. -1: no stack dumps)
	MOVL	$1, m_throwing(AX)
level_set:
	CALL	runtime·fatalthrow(SB)
	XORL	AX, AX
	MOVQ	AX, 0(AX)		// unreachable: fault if fatalthrow returned
	RET

// throw.func1: print("fatal error: ", s, "\n"), with s captured at 8(DX).
// Frame: 0..15 printstring's argument, 16..23 the closure pointer.
TEXT runtime·throw·func1(SB), NEEDCTXT, $24-0
	MOVQ	DX, 16(SP)		// keep the closure across calls
	CALL	runtime·printlock(SB)
	PRINTSTR(runtime·msgFatalError)
	MOVQ	16(SP), DX
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)		// s.ptr
	MOVQ	16(DX), AX
	MOVQ	AX, 8(SP)		// s.len
	CALL	runtime·printstring(SB)
	PRINTSTR(runtime·msgNewline)
	CALL	runtime·printunlock(SB)
	RET

// func fatalthrow()
// On g0: marks the m as dying, hands the throwing goroutine's stack to the traceback hook
// (where Go prints it), then exit(2).
// Frame: 0..7 systemstack's argument, 8..39 the closure fatalthrow.func1 {F, gp, pc, sp}.
TEXT runtime·fatalthrow(SB), NOSPLIT, $40-0
	MOVQ	$runtime·fatalthrow·func1(SB), AX
	MOVQ	AX, 8(SP)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, 16(SP)		// gp = getg()
	LEAQ	callersp+0(FP), BX	// BX = getcallersp(): throw's SP
	MOVQ	-8(BX), AX
	MOVQ	AX, 24(SP)		// pc = getcallerpc(): the return address into throw
	MOVQ	BX, 32(SP)		// sp
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	XORL	AX, AX
	MOVQ	AX, 0(AX)		// unreachable: fault if the closure returned
	RET

// fatalthrow.func1: startpanic_m's bookkeeping, the traceback hook, exit(2).
// Frame: 0..23 goemuTraceback's argument, 24..31 the closure pointer.
TEXT runtime·fatalthrow·func1(SB), NEEDCTXT, $32-0
	MOVQ	DX, 24(SP)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX		// AX = m
	ADDL	$1, m_mallocing(AX)	// no allocation from here on
	MOVL	$1, m_dying(AX)
	MOVQ	24(SP), DX
	MOVQ	16(DX), AX
	MOVQ	AX, 0(SP)		// pc
	MOVQ	24(DX), AX
	MOVQ	AX, 8(SP)		// sp
	MOVQ	8(DX), AX
	MOVQ	AX, 16(SP)		// gp
	CALL	runtime·goemuTraceback(SB)
	MOVL	$2, 0(SP)
	CALL	runtime·exit(SB)
	RET

// func badmcall(fn func(*g)), reached by JMP from mcall on g0.
TEXT runtime·badmcall(SB), $16-8
	THROW(runtime·msgBadmcall)
	RET

// func badmcall2(fn func(*g)), reached by JMP when mcall's fn returned.
TEXT runtime·badmcall2(SB), $16-8
	THROW(runtime·msgBadmcall2)
	RET

// func badctxt(), for a gobuf whose ctxt should have been cleared.
TEXT runtime·badctxt(SB), NOSPLIT, $16-0
	THROW(runtime·msgBadctxt)
	RET

// func badmorestackg0(), badmorestackgsignal(), badsystemstack()
// Raw writes to fd 2 (the callers abort right after): no printing machinery, no stack.
TEXT runtime·badmorestackg0(SB), NOSPLIT, $32-0
	WRITEERR(runtime·msgMorestackOnG0)
	RET

TEXT runtime·badmorestackgsignal(SB), NOSPLIT, $32-0
	WRITEERR(runtime·msgMorestackOnGsignal)
	RET

TEXT runtime·badsystemstack(SB), NOSPLIT, $32-0
	WRITEERR(runtime·msgBadSystemstack)
	RET

// func deferprocStack(d *_defer)
// d is a record the compiler built in the caller's frame, with siz, fn and the deferred
// call's arguments (right after the record) filled in. Completes it, links it at the head of
// g._defer and returns 0 in AX.
TEXT runtime·deferprocStack(SB), NOSPLIT, $16-8
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g_m(AX), BX
	CMPQ	m_curg(BX), AX
	JEQ	on_curg
	THROW(runtime·msgDeferOnSystemStack)
on_curg:
	MOVQ	d+0(FP), DI		// DI = d
	MOVB	$0, _defer_started(DI)
	MOVB	$0, _defer_heap(DI)
	LEAQ	d+0(FP), BX		// BX = getcallersp(): the deferring function's SP
	MOVQ	BX, _defer_sp(DI)
	MOVQ	-8(BX), BX		// BX = getcallerpc(): just after its CALL deferprocStack
	MOVQ	BX, _defer_pc(DI)
	MOVQ	$0, _defer__panic(DI)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g__defer(AX), BX
	MOVQ	BX, _defer_link(DI)
	MOVQ	DI, g__defer(AX)
	CALL	runtime·return0(SB)
	RET

// func deferproc(siz int32, fn *funcval)
// The heap form, for defers that may run more than once per frame: the siz bytes of the
// deferred call's arguments follow fn in the caller's frame and are copied after a fresh
// record. Returns 0 in AX.
TEXT runtime·deferproc(SB), NOSPLIT, $32-16
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g_m(AX), BX
	CMPQ	m_curg(BX), AX
	JEQ	on_curg
	THROW(runtime·msgDeferOnSystemStack)
on_curg:
	MOVL	siz+0(FP), AX
	MOVL	AX, 0(SP)
	CALL	runtime·newdefer(SB)
	MOVQ	8(SP), DI		// DI = d, already linked at the head of g._defer
	CMPQ	_defer__panic(DI), $0
	JEQ	fresh
	THROW(runtime·msgDeferprocPanic)
fresh:
	MOVQ	8(SP), DI
	MOVQ	fn+8(FP), AX
	MOVQ	AX, _defer_fn(DI)
	LEAQ	siz+0(FP), BX		// BX = getcallersp()
	MOVQ	BX, _defer_sp(DI)
	MOVQ	-8(BX), AX		// AX = getcallerpc()
	MOVQ	AX, _defer_pc(DI)

	// Copy the arguments: one word directly, more through memmove.
	LEAQ	fn+8(FP), SI
	ADDQ	$8, SI			// SI = argp, just past fn
	MOVLQSX	siz+0(FP), CX		// CX = siz
	TESTQ	CX, CX
	JEQ	copied
	CMPQ	CX, $8
	JNE	long
	MOVQ	0(SI), AX
	MOVQ	AX, _defer__size(DI)
	JMP	copied
long:
	LEAQ	_defer__size(DI), AX
	MOVQ	AX, 0(SP)		// to: just after the record
	MOVQ	SI, 8(SP)		// from
	MOVQ	CX, 16(SP)		// n
	CALL	runtime·memmove(SB)
copied:
	CALL	runtime·return0(SB)
	RET

// func newdefer(siz int32) *_defer
// A zeroed heap record with room for siz bytes of arguments, marked heap and linked at the
// head of g._defer. (go1.13 first tries per-P pools; goemu always allocates.)
TEXT runtime·newdefer(SB), NOSPLIT, $32-16
	MOVLQSX	siz+0(FP), AX
	ADDQ	$(_defer__size+7), AX
	ANDQ	$~7, AX			// AX = record + arguments, rounded to words
	MOVQ	AX, 0(SP)		// size
	MOVQ	$0, 8(SP)		// typ
	MOVB	$1, 16(SP)		// needzero
	CALL	runtime·mallocgc(SB)
	MOVQ	24(SP), DI		// DI = d
	MOVL	siz+0(FP), AX
	MOVL	AX, _defer_siz(DI)
	MOVB	$1, _defer_heap(DI)
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g__defer(AX), BX
	MOVQ	BX, _defer_link(DI)
	MOVQ	DI, g__defer(AX)
	MOVQ	DI, ret+8(FP)
	RET

// func deferreturn(arg0 uintptr)
// Called at every exit of a function F that defers; &arg0 is F's SP. If the newest record
// belongs to F, its arguments are copied to F's outgoing area, it is unlinked and jmpdefer
// runs it as if F had called it, re-entering here afterwards. Otherwise returns to F.
// Needs its BP slot (non-zero frame): jmpdefer restores F's BP from it.
TEXT runtime·deferreturn(SB), NOSPLIT, $24-8
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g__defer(AX), DI	// DI = d, the newest record
	TESTQ	DI, DI
	JEQ	done
	LEAQ	arg0+0(FP), BX		// BX = getcallersp(): F's SP
	CMPQ	_defer_sp(DI), BX
	JNE	done			// d belongs to a frame further up

	MOVLQSX	_defer_siz(DI), CX	// CX = bytes of arguments
	TESTQ	CX, CX
	JEQ	moved
	CMPQ	CX, $8
	JNE	long
	MOVQ	_defer__size(DI), AX
	MOVQ	AX, 0(BX)
	JMP	moved
long:
	MOVQ	BX, 0(SP)		// to: F's outgoing arguments
	LEAQ	_defer__size(DI), AX
	MOVQ	AX, 8(SP)		// from: after the record
	MOVQ	CX, 16(SP)		// n
	CALL	runtime·memmove(SB)
moved:
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g__defer(AX), DI	// DI = d
	MOVQ	_defer_fn(DI), DX	// DX = the deferred closure
	MOVQ	$0, _defer_fn(DI)
	MOVQ	_defer_link(DI), BX
	MOVQ	BX, g__defer(AX)	// unlinked (heap records are not pooled: no freedefer work)
	MOVQ	DX, 0(SP)		// fv
	LEAQ	arg0+0(FP), BX
	MOVQ	BX, 8(SP)		// argp = F's SP
	CALL	runtime·jmpdefer(SB)
done:
	RET
