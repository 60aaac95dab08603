// The runtime routines that move between stacks or rewrite control flow, in go1.13's
// conventions (runtime-model.md §3). All are NOSPLIT: they run while a stack is half-switched.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

// rt0_go(argc int32, argv **byte), entered by JMP with DI = argc, SI = argv.
// Turns the process stack into g0's stack, points FS at m0.tls, links g0 and m0, initialises
// the runtime, queues runtime.main as the first goroutine and enters the scheduler for good.
TEXT runtime·rt0_go(SB),NOSPLIT,$0
	// Four words below the kernel's SP, 16-byte aligned: 0(SP) and 8(SP) are the argument
	// area for args/osinit/schedinit, 16(SP) and 24(SP) keep argc and argv.
	MOVQ	DI, AX		// AX = argc
	MOVQ	SI, BX		// BX = argv
	SUBQ	$(4*8+7), SP
	ANDQ	$~15, SP	// SP = g0's stack top from now on
	MOVQ	AX, 16(SP)
	MOVQ	BX, 24(SP)

	// g0's stack is the 64 KiB below here; until mstart the guards sit right at stack.lo.
	MOVQ	$runtime·g0(SB), DI		// DI = &g0
	LEAQ	-const_goemuG0StackSize(SP), BX	// BX = g0.stack.lo
	MOVQ	BX, g_stackguard0(DI)
	MOVQ	BX, g_stackguard1(DI)
	MOVQ	BX, (g_stack+stack_lo)(DI)
	MOVQ	SP, (g_stack+stack_hi)(DI)

	// FS base = &m0.tls[1], so FS:-8 (the g slot) is m0.tls[0].
	LEAQ	runtime·m0+m_tls(SB), DI	// DI = &m0.tls[0]
	CALL	runtime·settls(SB)

	// Prove the g slot and m0.tls[0] are the same cell before trusting it.
	get_tls(BX)
	MOVQ	$0x123, g(BX)
	MOVQ	runtime·m0+m_tls(SB), AX	// AX = m0.tls[0], read by its absolute address
	CMPQ	AX, $0x123
	JEQ	tls_ok
	CALL	runtime·abort(SB)
tls_ok:
	// g = &g0, m0.g0 = &g0, g0.m = &m0.
	get_tls(BX)
	LEAQ	runtime·g0(SB), CX		// CX = &g0
	MOVQ	CX, g(BX)
	LEAQ	runtime·m0(SB), AX		// AX = &m0
	MOVQ	CX, m_g0(AX)
	MOVQ	AX, g_m(CX)

	CLD				// Go code assumes the direction flag is clear

	// args(argc, argv); osinit(); schedinit()
	MOVL	16(SP), AX
	MOVL	AX, 0(SP)		// argc
	MOVQ	24(SP), AX
	MOVQ	AX, 8(SP)		// argv
	CALL	runtime·args(SB)
	CALL	runtime·osinit(SB)
	CALL	runtime·schedinit(SB)

	// newproc(0, &mainPC): runtime.main, with no arguments, becomes goroutine 1.
	MOVQ	$runtime·mainPC(SB), AX
	PUSHQ	AX			// fn
	PUSHQ	$0			// siz
	CALL	runtime·newproc(SB)
	POPQ	AX
	POPQ	AX

	// The scheduler takes over this thread; it does not come back.
	CALL	runtime·mstart(SB)
	CALL	runtime·abort(SB)
	RET

// abort() stops the process with SIGTRAP; it is what the runtime does when its own
// invariants are broken and printing may not work.
TEXT runtime·abort(SB),NOSPLIT,$0-0
	INT	$3
spin:
	JMP	spin

// func gosave(buf *gobuf)
// Records the caller's resume point (its SP, the return PC, BP) and the current g in buf, so a
// later gogo(buf) returns from this gosave call a second time. buf.ctxt must already be 0.
TEXT runtime·gosave(SB), NOSPLIT, $0-8
	MOVQ	buf+0(FP), AX		// AX = buf
	LEAQ	buf+0(FP), BX		// BX = caller's SP
	MOVQ	BX, gobuf_sp(AX)
	MOVQ	0(SP), BX		// BX = caller's PC
	MOVQ	BX, gobuf_pc(AX)
	MOVQ	$0, gobuf_ret(AX)
	MOVQ	BP, gobuf_bp(AX)
	CMPQ	gobuf_ctxt(AX), $0
	JEQ	ctxt_ok
	CALL	runtime·badctxt(SB)
ctxt_ok:
	get_tls(CX)
	MOVQ	g(CX), BX		// BX = g
	MOVQ	BX, gobuf_g(AX)
	RET

// func gogo(buf *gobuf)
// Resumes the goroutine buf describes: installs buf.g as g, loads SP, AX (ret), DX (ctxt) and
// BP from buf, clears those four fields and jumps to buf.pc. Nothing is pushed.
TEXT runtime·gogo(SB), NOSPLIT, $16-8
	MOVQ	buf+0(FP), BX		// BX = buf
	MOVQ	gobuf_g(BX), DX		// DX = the g to run
	MOVQ	0(DX), CX		// faults here if that g is nil
	get_tls(CX)
	MOVQ	DX, g(CX)		// g = buf.g
	MOVQ	gobuf_sp(BX), SP	// now on buf.g's stack
	MOVQ	gobuf_ret(BX), AX	// AX = the value the resumed call "returns"
	MOVQ	gobuf_ctxt(BX), DX	// DX = closure context
	MOVQ	gobuf_bp(BX), BP
	MOVQ	$0, gobuf_sp(BX)	// drop references the buffer no longer owns
	MOVQ	$0, gobuf_ret(BX)
	MOVQ	$0, gobuf_ctxt(BX)
	MOVQ	$0, gobuf_bp(BX)
	MOVQ	gobuf_pc(BX), BX	// BX = resume PC
	JMP	BX

// func mcall(fn func(*g))
// Parks the calling g in g.sched (resume = return from this mcall), moves to the top of g0's
// stack and calls fn(g) there. fn must never return; it reschedules or gogo's back.
TEXT runtime·mcall(SB), NOSPLIT, $0-8
	MOVQ	fn+0(FP), DI		// DI = fn (a *funcval)

	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g, the goroutine being parked
	MOVQ	0(SP), BX		// BX = caller's PC
	MOVQ	BX, (g_sched+gobuf_pc)(AX)
	LEAQ	fn+0(FP), BX		// BX = caller's SP
	MOVQ	BX, (g_sched+gobuf_sp)(AX)
	MOVQ	AX, (g_sched+gobuf_g)(AX)
	MOVQ	BP, (g_sched+gobuf_bp)(AX)

	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX		// BX = m
	MOVQ	m_g0(BX), SI		// SI = g0
	CMPQ	SI, AX
	JNE	on_g
	MOVQ	$runtime·badmcall(SB), AX	// mcall from g0 itself: nothing to park
	JMP	AX
on_g:
	MOVQ	SI, g(CX)		// g = g0
	MOVQ	(g_sched+gobuf_sp)(SI), SP	// the g0 stack top mstart1 recorded
	PUSHQ	AX			// fn's argument: the parked g
	MOVQ	DI, DX			// DX = fn's closure context
	MOVQ	0(DI), DI		// DI = fn's code
	CALL	DI
	POPQ	AX
	MOVQ	$runtime·badmcall2(SB), AX	// fn returned: there is no g to go back to
	JMP	AX
	RET

// systemstack_switch is never executed. Its address stands in g.sched.pc while a g waits
// inside systemstack, so a scan of that g's stack ends at a recognisable frame.
TEXT runtime·systemstack_switch(SB), NOSPLIT, $0-0
	RET

// func systemstack(fn func())
// Runs fn on g0's stack. Already on g0 (or gsignal): a tail call, fn returns to our caller.
// On the current user g: park the g's SP in g.sched, call fn at g0's stack top under a fake
// return address into mstart (tracebacks stop there), then return on the g's stack.
TEXT runtime·systemstack(SB), NOSPLIT, $0-8
	MOVQ	fn+0(FP), DI		// DI = fn
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	g_m(AX), BX		// BX = m

	CMPQ	AX, m_gsignal(BX)
	JEQ	noswitch
	MOVQ	m_g0(BX), DX		// DX = g0
	CMPQ	AX, DX
	JEQ	noswitch
	CMPQ	AX, m_curg(BX)
	JEQ	switch
	// Neither g0, gsignal nor the m's current g: a broken g pointer.
	MOVQ	$runtime·badsystemstack(SB), AX
	CALL	AX
	INT	$3

switch:
	// Park the g: resume point systemstack_switch, SP = our entry SP.
	MOVQ	$runtime·systemstack_switch(SB), SI
	MOVQ	SI, (g_sched+gobuf_pc)(AX)
	MOVQ	SP, (g_sched+gobuf_sp)(AX)
	MOVQ	AX, (g_sched+gobuf_g)(AX)
	MOVQ	BP, (g_sched+gobuf_bp)(AX)

	// g = g0; SP = g0's stack top with &mstart in the return-address slot.
	MOVQ	DX, g(CX)
	MOVQ	(g_sched+gobuf_sp)(DX), BX	// BX = g0's stack top
	SUBQ	$8, BX
	MOVQ	$runtime·mstart(SB), DX
	MOVQ	DX, 0(BX)		// fake return PC: "mstart called systemstack"
	MOVQ	BX, SP

	MOVQ	DI, DX			// DX = fn's closure context
	MOVQ	0(DI), DI		// DI = fn's code
	CALL	DI

	// Back to the g that is the m's current g (fn may not change it).
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_curg(BX), AX		// AX = curg
	MOVQ	AX, g(CX)
	MOVQ	(g_sched+gobuf_sp)(AX), SP	// SP = our entry SP on the g's stack
	MOVQ	$0, (g_sched+gobuf_sp)(AX)
	RET

noswitch:
	// Tail call: fn's frame replaces ours and returns straight to our caller.
	MOVQ	DI, DX			// DX = fn's closure context
	MOVQ	0(DI), DI		// DI = fn's code
	JMP	DI

// morestack, called by the split-check stub of a function f whose frame does not fit.
// At entry 0(SP) = the PC in f after that CALL (its JMP back to the check), 8(SP) = f's
// return PC, 16(SP) = f's caller's SP. Records f's caller in m.morebuf and f itself in
// g.sched (including DX, f's closure context), then calls newstack on g0's stack.
TEXT runtime·morestack(SB),NOSPLIT,$0-0
	// g0's stack cannot grow: fatal.
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX		// BX = m
	MOVQ	m_g0(BX), SI		// SI = g0
	CMPQ	g(CX), SI
	JNE	not_g0
	CALL	runtime·badmorestackg0(SB)
	CALL	runtime·abort(SB)
not_g0:
	// Nor can the signal stack.
	MOVQ	m_gsignal(BX), SI	// SI = gsignal
	CMPQ	g(CX), SI
	JNE	not_gsignal
	CALL	runtime·badmorestackgsignal(SB)
	CALL	runtime·abort(SB)
not_gsignal:
	// m.morebuf = f's caller.
	MOVQ	8(SP), AX		// AX = f's return PC
	MOVQ	AX, (m_morebuf+gobuf_pc)(BX)
	LEAQ	16(SP), AX		// AX = f's caller's SP
	MOVQ	AX, (m_morebuf+gobuf_sp)(BX)
	get_tls(CX)
	MOVQ	g(CX), SI		// SI = g, the goroutine that needs more stack
	MOVQ	SI, (m_morebuf+gobuf_g)(BX)

	// g.sched = f, about to re-run its stack check.
	MOVQ	0(SP), AX		// AX = PC in f after the CALL
	MOVQ	AX, (g_sched+gobuf_pc)(SI)
	MOVQ	SI, (g_sched+gobuf_g)(SI)
	LEAQ	8(SP), AX		// AX = f's entry SP
	MOVQ	AX, (g_sched+gobuf_sp)(SI)
	MOVQ	BP, (g_sched+gobuf_bp)(SI)
	MOVQ	DX, (g_sched+gobuf_ctxt)(SI)

	// newstack() on g0; it resumes g through gogo and never returns here.
	MOVQ	m_g0(BX), BX		// BX = g0
	MOVQ	BX, g(CX)
	MOVQ	(g_sched+gobuf_sp)(BX), SP
	CALL	runtime·newstack(SB)
	CALL	runtime·abort(SB)
	RET

// morestack_noctxt is morestack for functions that take no closure context: DX is zeroed so
// g.sched.ctxt does not keep a stale pointer alive.
TEXT runtime·morestack_noctxt(SB),NOSPLIT,$0
	MOVL	$0, DX
	JMP	runtime·morestack(SB)

// return0 sets AX = 0: how deferproc and deferprocStack report "continue normally" (a
// recovered panic resumes after the same CALL with AX = 1, via gogo's gobuf.ret).
TEXT runtime·return0(SB), NOSPLIT, $0
	MOVL	$0, AX
	RET

// func jmpdefer(fv *funcval, argp uintptr)
// Called last by deferreturn; argp is the SP of the function F whose exit called deferreturn.
// Unwinds deferreturn's frame, moves F's return address back by the 5 bytes of its
// `CALL runtime·deferreturn` and jumps to the deferred function: it runs as if F called it,
// and when it returns F calls deferreturn again for the next record.
TEXT runtime·jmpdefer(SB), NOSPLIT, $0-16
	MOVQ	fv+0(FP), DX		// DX = fv, the deferred closure
	MOVQ	argp+8(FP), BX		// BX = F's SP
	LEAQ	-8(BX), SP		// SP = the slot holding F's return address into F
	MOVQ	-8(SP), BP		// BP = F's BP, which deferreturn's prologue saved below it
	SUBQ	$5, (SP)		// return address -> F's CALL runtime·deferreturn
	MOVQ	0(DX), BX		// BX = the deferred function's code
	JMP	BX

// goexit is the return address planted below every goroutine's entry function: the entry
// function returns to goexit+1, the CALL. The NOPs keep both goexit+1 and the return PC of
// that CALL (minus 1) inside goexit, so tracebacks name goexit as the outermost frame.
TEXT runtime·goexit(SB),NOSPLIT,$0-0
	BYTE	$0x90			// NOP
	CALL	runtime·goexit1(SB)	// never returns
	BYTE	$0x90			// NOP
