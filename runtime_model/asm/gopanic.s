// panic (go1.13 panic.go): gopanic runs the goroutine's deferred calls, newest first, then
// prints the panic chain and the traceback and exits with status 2. recover is not modeled,
// so every panic ends the process.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func gopanic(e interface{})
// Links a _panic record for e at the head of g._panic, then calls each deferred function as
// if gopanic had called it, its arguments copied to gopanic's outgoing area (go1.13 copies
// them into a reflectcall frame). A record some earlier panic started is dropped and that
// panic marked aborted. When no defer is left: fatalpanic.
// Frame: 0..255 the deferred call's arguments (and callee arguments), 256..295 the _panic
// record p, 296..303 the record d being run.
TEXT runtime·gopanic(SB), $304-16
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g_m(AX), BX		// BX = m
	CMPQ	m_curg(BX), AX
	JEQ	on_curg
	THROW(runtime·msgPanicOnSystemStack)
on_curg:
	CMPL	m_mallocing(BX), $0
	JEQ	not_mallocing
	THROW(runtime·msgPanicDuringMalloc)
not_mallocing:
	CMPL	m_locks(BX), $0
	JEQ	unlocked
	THROW(runtime·msgPanicHoldingLocks)
unlocked:
	get_tls(CX)
	MOVQ	g(CX), AX
	LEAQ	256(SP), DI		// DI = &p
	MOVQ	$0, _panic_argp(DI)
	MOVQ	e_type+0(FP), CX
	MOVQ	CX, _panic_arg(DI)
	MOVQ	e_data+8(FP), CX
	MOVQ	CX, (_panic_arg+8)(DI)
	MOVQ	g__panic(AX), CX
	MOVQ	CX, _panic_link(DI)
	MOVB	$0, _panic_recovered(DI)
	MOVB	$0, _panic_aborted(DI)
	MOVQ	DI, g__panic(AX)

next:
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g__defer(AX), DI	// DI = d, the newest deferred call
	TESTQ	DI, DI
	JEQ	done
	CMPB	_defer_started(DI), $0
	JEQ	run
	// Started by an earlier panic that a fault inside it cut short: that panic is aborted.
	MOVQ	_defer__panic(DI), CX
	TESTQ	CX, CX
	JEQ	drop
	MOVB	$1, _panic_aborted(CX)
drop:
	MOVQ	$0, _defer__panic(DI)
	MOVQ	$0, _defer_fn(DI)
	MOVQ	_defer_link(DI), CX
	MOVQ	CX, g__defer(AX)
	JMP	next

run:
	MOVB	$1, _defer_started(DI)
	LEAQ	256(SP), CX
	MOVQ	CX, _defer__panic(DI)	// d._panic = &p
	MOVQ	DI, 296(SP)
	MOVLQSX	_defer_siz(DI), CX	// CX = bytes of arguments
	CMPQ	CX, $256
	JLE	fits
	THROW(runtime·msgPanicDeferArgs)
fits:
	MOVQ	296(SP), DI
	LEAQ	_defer__size(DI), SI	// SI = the saved arguments, right after the record
	LEAQ	0(SP), R8		// R8 = where the deferred function finds them
	XORQ	BX, BX
copy:
	CMPQ	BX, CX
	JGE	copied
	MOVQ	(SI)(BX*1), DX
	MOVQ	DX, (R8)(BX*1)
	ADDQ	$8, BX
	JMP	copy
copied:
	LEAQ	256(SP), CX
	MOVQ	R8, _panic_argp(CX)	// p.argp: the deferred call's argument pointer
	MOVQ	_defer_fn(DI), DX	// DX = the deferred closure
	MOVQ	0(DX), AX
	CALL	AX
	LEAQ	256(SP), CX
	MOVQ	$0, _panic_argp(CX)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	296(SP), DI
	CMPQ	g__defer(AX), DI
	JEQ	finished
	THROW(runtime·msgBadDeferEntry)
finished:
	MOVQ	$0, _defer__panic(DI)
	MOVQ	$0, _defer_fn(DI)
	MOVQ	_defer_link(DI), CX
	MOVQ	CX, g__defer(AX)	// heap records are not pooled: nothing to free
	JMP	next

done:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g__panic(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatalpanic(SB)
	XORL	AX, AX
	MOVQ	AX, 0(AX)		// unreachable: fault if fatalpanic returned
	RET

// func fatalpanic(msgs *_panic)
// On g0: prints the panic chain (once: a second fatal panic only adds its traceback), hands
// the panicking goroutine to the traceback hook, then exit(2).
// Frame: 0..7 systemstack's argument, 8..47 the closure fatalpanic.func1 {F, msgs, gp, pc, sp}.
TEXT runtime·fatalpanic(SB), NOSPLIT, $48-8
	MOVQ	$runtime·fatalpanic·func1(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	msgs+0(FP), AX
	MOVQ	AX, 16(SP)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, 24(SP)		// gp = getg()
	LEAQ	msgs+0(FP), BX		// BX = getcallersp(): gopanic's SP
	MOVQ	-8(BX), AX
	MOVQ	AX, 32(SP)		// pc = getcallerpc(): the return address into gopanic
	MOVQ	BX, 40(SP)		// sp
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	XORL	AX, AX
	MOVQ	AX, 0(AX)		// unreachable: fault if the closure returned
	RET

// fatalpanic.func1: startpanic_m's bookkeeping, printpanics, dopanic_m (the traceback hook),
// exit(2). Frame: 0..23 callee arguments, 24..31 the closure pointer.
TEXT runtime·fatalpanic·func1(SB), NEEDCTXT, $32-0
	MOVQ	DX, 24(SP)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX		// AX = m
	ADDL	$1, m_mallocing(AX)	// no allocation from here on
	CMPL	m_dying(AX), $0
	JNE	traceback
	MOVL	$1, m_dying(AX)
	MOVQ	8(DX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·printpanics(SB)
traceback:
	MOVQ	24(SP), DX
	MOVQ	24(DX), AX
	MOVQ	AX, 0(SP)		// pc
	MOVQ	32(DX), AX
	MOVQ	AX, 8(SP)		// sp
	MOVQ	16(DX), AX
	MOVQ	AX, 16(SP)		// gp
	CALL	runtime·goemuTraceback(SB)
	MOVL	$2, 0(SP)
	CALL	runtime·exit(SB)
	RET

// func printpanics(p *_panic)
// The chain oldest first: "panic: <value>[ [recovered]]\n", each later one after a tab.
// Frame: 0..15 callee arguments.
TEXT runtime·printpanics(SB), $16-8
	MOVQ	p+0(FP), AX
	MOVQ	_panic_link(AX), AX
	TESTQ	AX, AX
	JEQ	oldest
	MOVQ	AX, 0(SP)
	CALL	runtime·printpanics(SB)
	PRINTSTR(runtime·msgTab)
oldest:
	PRINTSTR(runtime·msgPanicPrefix)
	MOVQ	p+0(FP), AX
	MOVQ	_panic_arg(AX), BX
	MOVQ	BX, 0(SP)
	MOVQ	(_panic_arg+8)(AX), BX
	MOVQ	BX, 8(SP)
	CALL	runtime·printpanicval(SB)
	MOVQ	p+0(FP), AX
	CMPB	_panic_recovered(AX), $0
	JEQ	newline
	PRINTSTR(runtime·msgRecovered)
newline:
	PRINTSTR(runtime·msgNewline)
	RET

// func printpanicval(v interface{})
// A runtime error prints as its Error() text; any other value as "(<type>) <data>" in hex
// (go1.13 names the type; goemu's guest has no type names).
// Frame: 0..15 callee arguments.
TEXT runtime·printpanicval(SB), $16-16
	MOVQ	v_type+0(FP), AX
	MOVQ	$runtime·goemuRuntimeErrorType(SB), BX
	CMPQ	AX, BX
	JNE	other
	PRINTSTR(runtime·msgRuntimeErrorPrefix)
	MOVQ	v_data+8(FP), AX	// AX = *string
	MOVQ	0(AX), BX
	MOVQ	BX, 0(SP)
	MOVQ	8(AX), BX
	MOVQ	BX, 8(SP)
	CALL	runtime·printstring(SB)
	RET
other:
	PRINTSTR(runtime·msgOpenParen)
	MOVQ	v_type+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	PRINTSTR(runtime·msgCloseParenSpace)
	MOVQ	v_data+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	RET
