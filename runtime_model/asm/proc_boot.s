// Bootstrap of the one M and one P (go1.13 proc.go, os_linux.go), called from rt0_go on g0,
// and the M's entry into the scheduler.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func args(c int32, v **byte)
// Keeps argc and argv. (go1.13 also walks auxv here for the page size and random bytes;
// nothing goemu models needs them.)
TEXT runtime·args(SB), NOSPLIT, $0-16
	MOVL	c+0(FP), AX
	MOVL	AX, runtime·argc(SB)
	MOVQ	v+8(FP), AX
	MOVQ	AX, runtime·argv(SB)
	RET

// func osinit()
// goemu models one CPU, so GOMAXPROCS is 1 and there is exactly one P.
TEXT runtime·osinit(SB), NOSPLIT, $0-0
	MOVL	$1, runtime·ncpu(SB)
	RET

// func schedinit()
// The parts of go1.13's schedinit that shape the g0/m0/p image: m0's id and signal stack,
// the start of the poll clock, and one P wired to m0. (Allocator and stack-pool set-up are
// the host's; type, module, environment and GC set-up have nothing to act on here.)
TEXT runtime·schedinit(SB), $16-0
	MOVL	$10000, runtime·sched+schedt_maxmcount(SB)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	AX, 0(SP)		// mcommoninit(getg().m)
	CALL	runtime·mcommoninit(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, runtime·sched+schedt_lastpoll(SB)
	MOVL	runtime·ncpu(SB), AX
	MOVL	AX, 0(SP)		// procresize(ncpu)
	CALL	runtime·procresize(SB)
	RET

// func mcommoninit(mp *m)
// Gives mp the next M id and its signal-handling g.
TEXT runtime·mcommoninit(SB), $8-8
	MOVQ	mp+0(FP), BX		// BX = mp
	MOVQ	runtime·sched+schedt_mnext(SB), AX
	MOVQ	AX, m_id(BX)
	INCQ	runtime·sched+schedt_mnext(SB)
	MOVQ	BX, 0(SP)
	CALL	runtime·mpreinit(SB)
	MOVQ	mp+0(FP), BX
	MOVQ	m_gsignal(BX), AX	// AX = gsignal
	MOVQ	(g_stack+stack_lo)(AX), CX
	ADDQ	$const__StackGuard, CX
	MOVQ	CX, g_stackguard1(AX)
	RET

// func mpreinit(mp *m)
// The signal stack: a 32 KiB g owned by mp. (goemu delivers no signals; the g exists so
// systemstack and morestack see the same m as in Go.)
TEXT runtime·mpreinit(SB), $16-8
	MOVL	$const_goemuGsignalStackSize, 0(SP)
	CALL	runtime·malg(SB)
	MOVQ	8(SP), AX		// AX = gsignal
	MOVQ	mp+0(FP), BX
	MOVQ	AX, m_gsignal(BX)
	MOVQ	BX, g_m(AX)
	RET

// func procresize(nprocs int32) *p
// Builds the P and wires it to the calling M (acquirep): p.m = m, m.p = p, p running.
// osinit reports one CPU, so this always builds exactly one P; returns no runnable Ps.
TEXT runtime·procresize(SB), $32-16
	MOVQ	$p__size, 0(SP)
	MOVQ	$0, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·mallocgc(SB)
	MOVQ	24(SP), DI		// DI = the new p, zeroed: id 0, empty run queue
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	MOVQ	DI, m_p(BX)
	MOVQ	BX, p_m(DI)
	MOVL	$const__Prunning, p_status(DI)
	MOVQ	$0, ret+8(FP)
	RET

// func mstart()
// Entry of an M onto its g0 stack: sets g0's guards a full _StackGuard above stack.lo (rt0_go
// left them at lo) and enters mstart1, which never returns. (go1.13's bounds discovery for
// OS-created stacks does not arise: m0's g0 always has bounds.)
TEXT runtime·mstart(SB), NOSPLIT, $0-0
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g0
	MOVQ	(g_stack+stack_lo)(AX), BX
	ADDQ	$const__StackGuard, BX
	MOVQ	BX, g_stackguard0(AX)
	MOVQ	BX, g_stackguard1(AX)
	CALL	runtime·mstart1(SB)
	CALL	runtime·abort(SB)	// m0's exit path never returns either
	RET

// func mstart1()
// Records mstart's frame in g0.sched: every later mcall, systemstack and morestack restarts
// g0's stack from this point. Then minit, the M's start function if any, and schedule().
TEXT runtime·mstart1(SB), $16-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	CMPQ	m_g0(BX), AX
	JEQ	on_g0
	THROW(runtime·msgBadMstart)
on_g0:
	LEAQ	callersp+0(FP), AX	// AX = getcallersp(): mstart's SP
	MOVQ	-8(AX), BX		// BX = getcallerpc(): the return address into mstart
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·save(SB)
	CALL	runtime·minit(SB)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_mstartfn(AX), DX	// DX = mstartfn (a func value), nil on m0
	TESTQ	DX, DX
	JEQ	scheduler
	MOVQ	0(DX), AX
	CALL	AX
scheduler:
	CALL	runtime·schedule(SB)
	RET

// func minit()
// Per-thread set-up on the new M: records the kernel thread id.
TEXT runtime·minit(SB), $8-0
	CALL	runtime·gettid(SB)
	MOVLQZX	0(SP), AX
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX
	MOVQ	AX, m_procid(BX)
	RET

// func save(pc, sp uintptr)
// getg().sched = {sp, pc, g}, with lr and ret cleared; ctxt must already be 0.
TEXT runtime·save(SB), NOSPLIT, $0-16
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	MOVQ	pc+0(FP), BX
	MOVQ	BX, (g_sched+gobuf_pc)(AX)
	MOVQ	sp+8(FP), BX
	MOVQ	BX, (g_sched+gobuf_sp)(AX)
	MOVQ	$0, (g_sched+gobuf_lr)(AX)
	MOVQ	$0, (g_sched+gobuf_ret)(AX)
	MOVQ	AX, (g_sched+gobuf_g)(AX)
	CMPQ	(g_sched+gobuf_ctxt)(AX), $0
	JEQ	done
	CALL	runtime·badctxt(SB)
done:
	RET
