// The scheduler (go1.13 proc.go) for one M and one P: picking the next g, switching to it,
// the run queues, and the ways a g leaves the CPU (exit, Gosched). All of it except Gosched,
// goexit1 and runtime.main runs on g0.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func main()
// The main goroutine: raises maxstacksize, runs the main package's init if there is one, calls
// main.main through a func value and exits with status 0. It never reaches goexit. (No sysmon
// thread and no thread locking: goemu runs one M.)
TEXT runtime·main(SB), $8-0
	MOVQ	runtime·goemuMaxstacksize(SB), AX
	MOVQ	AX, runtime·maxstacksize(SB)
	MOVB	$1, runtime·mainStarted(SB)
	MOVQ	runtime·maininitPC(SB), AX	// AX = main·init, or 0 when the program has none
	TESTQ	AX, AX
	JEQ	no_init
	CALL	AX
no_init:
	MOVQ	$runtime·main_mainPC(SB), DX	// DX = func value of main.main
	MOVQ	0(DX), AX
	CALL	AX
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	XORL	AX, AX
	MOVL	AX, 0(AX)		// unreachable: fault if exit returned
	RET

// func schedule()
// One round of scheduling, never returns: every 61st tick the global queue first (fairness),
// then the P's local queue, then findrunnable; the chosen g runs through execute.
// Frame: 0..23 callee arguments and results.
TEXT runtime·schedule(SB), $24-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	CMPL	m_locks(BX), $0
	JEQ	unlocked
	THROW(runtime·msgHoldingLocks)
unlocked:
	MOVQ	m_p(BX), BX		// BX = p
	MOVL	p_schedtick(BX), AX
	XORL	DX, DX
	MOVL	$const_goemuGlobalRunqTick, CX
	DIVL	CX			// DX = schedtick % 61
	TESTL	DX, DX
	JNE	local
	CMPL	runtime·sched+schedt_runqsize(SB), $0
	JEQ	local
	MOVQ	BX, 0(SP)
	MOVL	$1, 8(SP)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX		// AX = gp
	TESTQ	AX, AX
	JEQ	local_reload
	MOVQ	AX, 0(SP)
	MOVB	$0, 8(SP)		// inheritTime = false
	JMP	run
local_reload:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_p(BX), BX
local:
	MOVQ	BX, 0(SP)
	CALL	runtime·runqget(SB)
	MOVQ	8(SP), AX		// AX = gp
	MOVB	16(SP), CX		// CX = inheritTime
	TESTQ	AX, AX
	JNE	found
	CALL	runtime·findrunnable(SB)
	MOVQ	0(SP), AX
	MOVB	8(SP), CX
found:
	MOVQ	AX, 0(SP)
	MOVB	CX, 8(SP)
run:
	CALL	runtime·execute(SB)
	RET

// func findrunnable() (gp *g, inheritTime bool)
// Where go1.13 steals, polls the network and finally parks the M, one M with one P has only
// the local and global queues; when both are empty nothing can ever become runnable again,
// which is go1.13's checkdead verdict: deadlock.
TEXT runtime·findrunnable(SB), $24-9
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_p(BX), BX		// BX = p
	MOVQ	BX, 0(SP)
	CALL	runtime·runqget(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	global
	MOVQ	AX, gp+0(FP)
	MOVB	16(SP), AX
	MOVB	AX, inheritTime+8(FP)
	RET
global:
	CMPL	runtime·sched+schedt_runqsize(SB), $0
	JEQ	dead
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVL	$0, 8(SP)		// max 0: take a fair share (all of it, with one P)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, gp+0(FP)
	MOVB	$0, inheritTime+8(FP)
	RET
dead:
	THROW(runtime·msgDeadlock)
	RET

// func execute(gp *g, inheritTime bool)
// Makes gp the running g of this M and jumps into it with gogo; never returns. A fresh
// time slice (schedtick++) unless gp inherits the current one.
TEXT runtime·execute(SB), $16-9
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVL	$const__Grunnable, 8(SP)
	MOVL	$const__Grunning, 12(SP)
	CALL	runtime·casgstatus(SB)
	MOVQ	gp+0(FP), DI		// DI = gp
	MOVQ	$0, g_waitsince(DI)
	MOVB	$0, g_preempt(DI)
	MOVQ	(g_stack+stack_lo)(DI), AX
	ADDQ	$const__StackGuard, AX
	MOVQ	AX, g_stackguard0(DI)	// also drops any pending preemption request
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	CMPB	inheritTime+8(FP), $0
	JNE	same_slice
	MOVQ	m_p(BX), AX
	INCL	p_schedtick(AX)
same_slice:
	MOVQ	DI, m_curg(BX)
	MOVQ	BX, g_m(DI)
	LEAQ	g_sched(DI), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)
	RET

// func runqput(_p_ *p, gp *g, next bool)
// next: gp takes the runnext slot and whatever held it moves to the tail. Otherwise gp goes to
// the tail of the 256-entry ring; a full ring sends half of itself, plus gp, to the global
// queue. (One M: plain loads and stores do what go1.13's atomics do.)
TEXT runtime·runqput(SB), $32-17
	MOVQ	_p_+0(FP), BX		// BX = p
	MOVQ	gp+8(FP), AX		// AX = the g to queue
	CMPB	next+16(FP), $0
	JEQ	retry
	MOVQ	p_runnext(BX), CX	// CX = previous runnext
	MOVQ	AX, p_runnext(BX)
	TESTQ	CX, CX
	JEQ	done
	MOVQ	CX, AX
	MOVQ	AX, gp+8(FP)		// the kicked g is now the one to queue
retry:
	MOVL	p_runqhead(BX), DX	// DX = head
	MOVL	p_runqtail(BX), SI	// SI = tail
	MOVL	SI, DI
	SUBL	DX, DI
	CMPL	DI, $const_goemuRunqSize
	JCC	full
	MOVL	SI, DI
	ANDL	$(const_goemuRunqSize-1), DI
	MOVQ	AX, p_runq(BX)(DI*8)
	INCL	SI
	MOVL	SI, p_runqtail(BX)	// publish
done:
	RET
full:
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVL	DX, 16(SP)
	MOVL	SI, 20(SP)
	CALL	runtime·runqputslow(SB)
	CMPB	24(SP), $0
	JNE	done
	MOVQ	_p_+0(FP), BX
	MOVQ	gp+8(FP), AX
	JMP	retry

// func runqputslow(_p_ *p, gp *g, h, t uint32) bool
// Moves the older half of a full local ring, then gp, to the global queue in one batch linked
// through schedlink.
TEXT runtime·runqputslow(SB), NOSPLIT, $0-25
	MOVQ	_p_+0(FP), BX		// BX = p
	MOVL	h+16(FP), DX		// DX = head
	MOVL	t+20(FP), CX
	SUBL	DX, CX
	SHRL	$1, CX			// CX = n, half the queue
	MOVL	DX, DI
	ANDL	$(const_goemuRunqSize-1), DI
	MOVQ	p_runq(BX)(DI*8), R8	// R8 = first g of the batch
	MOVQ	R8, R9			// R9 = last g linked so far
	MOVL	$1, SI			// SI = i
link:
	CMPL	SI, CX
	JCC	linked
	LEAL	(DX)(SI*1), DI
	ANDL	$(const_goemuRunqSize-1), DI
	MOVQ	p_runq(BX)(DI*8), AX	// AX = runq[(h+i) % 256]
	MOVQ	AX, g_schedlink(R9)
	MOVQ	AX, R9
	INCL	SI
	JMP	link
linked:
	MOVQ	gp+8(FP), AX
	MOVQ	AX, g_schedlink(R9)	// gp closes the batch
	MOVQ	$0, g_schedlink(AX)
	ADDL	CX, DX
	MOVL	DX, p_runqhead(BX)	// the ring gives up its first n entries
	// globrunqputbatch: append R8..gp to the global queue.
	MOVQ	runtime·sched+(schedt_runq+gQueue_tail)(SB), SI
	TESTQ	SI, SI
	JEQ	empty
	MOVQ	R8, g_schedlink(SI)
	JMP	appended
empty:
	MOVQ	R8, runtime·sched+(schedt_runq+gQueue_head)(SB)
appended:
	MOVQ	AX, runtime·sched+(schedt_runq+gQueue_tail)(SB)
	INCL	CX
	ADDL	CX, runtime·sched+schedt_runqsize(SB)
	MOVB	$1, ret+24(FP)
	RET

// func runqget(_p_ *p) (gp *g, inheritTime bool)
// runnext first (it inherits the time slice), then the head of the ring; nil when empty.
TEXT runtime·runqget(SB), NOSPLIT, $0-17
	MOVQ	_p_+0(FP), BX		// BX = p
	MOVQ	p_runnext(BX), AX
	TESTQ	AX, AX
	JEQ	ring
	MOVQ	$0, p_runnext(BX)
	MOVQ	AX, gp+8(FP)
	MOVB	$1, inheritTime+16(FP)
	RET
ring:
	MOVL	p_runqhead(BX), DX	// DX = head
	CMPL	DX, p_runqtail(BX)
	JEQ	empty
	MOVL	DX, CX
	ANDL	$(const_goemuRunqSize-1), CX
	MOVQ	p_runq(BX)(CX*8), AX
	INCL	DX
	MOVL	DX, p_runqhead(BX)
	MOVQ	AX, gp+8(FP)
	MOVB	$0, inheritTime+16(FP)
	RET
empty:
	MOVQ	$0, gp+8(FP)
	MOVB	$0, inheritTime+16(FP)
	RET

// func globrunqput(gp *g)
// Appends gp to the global run queue.
TEXT runtime·globrunqput(SB), NOSPLIT, $0-8
	MOVQ	gp+0(FP), AX		// AX = gp
	MOVQ	$0, g_schedlink(AX)
	MOVQ	runtime·sched+(schedt_runq+gQueue_tail)(SB), BX
	TESTQ	BX, BX
	JEQ	empty
	MOVQ	AX, g_schedlink(BX)
	JMP	linked
empty:
	MOVQ	AX, runtime·sched+(schedt_runq+gQueue_head)(SB)
linked:
	MOVQ	AX, runtime·sched+(schedt_runq+gQueue_tail)(SB)
	INCL	runtime·sched+schedt_runqsize(SB)
	RET

// func globrunqget(_p_ *p, max int32) *g
// Takes up to max g's (0 = no limit) and at most half a ring from the global queue: returns
// the first, puts the rest on the P's local queue. With one P the fair share is everything.
// Frame: 0..23 runqput's arguments, 24 how many are still to move.
TEXT runtime·globrunqget(SB), $32-24
	MOVL	runtime·sched+schedt_runqsize(SB), CX	// CX = n
	TESTL	CX, CX
	JEQ	none
	MOVL	max+8(FP), AX
	TESTL	AX, AX
	JLE	no_max
	CMPL	CX, AX
	JLE	no_max
	MOVL	AX, CX
no_max:
	CMPL	CX, $(const_goemuRunqSize/2)
	JLE	capped
	MOVL	$(const_goemuRunqSize/2), CX
capped:
	SUBL	CX, runtime·sched+schedt_runqsize(SB)
	CALL	runtime·globrunqpop<>(SB)	// AX = first g
	MOVQ	AX, ret+16(FP)
	DECL	CX
	MOVL	CX, 24(SP)
refill:
	CMPL	24(SP), $0
	JEQ	done
	CALL	runtime·globrunqpop<>(SB)
	MOVQ	_p_+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·runqput(SB)
	DECL	24(SP)
	JMP	refill
none:
	MOVQ	$0, ret+16(FP)
done:
	RET

// globrunqpop<> takes the head of the non-empty global queue into AX. Leaf, registers only:
// preserves CX.
TEXT runtime·globrunqpop<>(SB), NOSPLIT, $0-0
	MOVQ	runtime·sched+(schedt_runq+gQueue_head)(SB), AX
	MOVQ	g_schedlink(AX), BX
	MOVQ	BX, runtime·sched+(schedt_runq+gQueue_head)(SB)
	TESTQ	BX, BX
	JNE	done
	MOVQ	$0, runtime·sched+(schedt_runq+gQueue_tail)(SB)
done:
	RET

// func dropg()
// Detaches the m's current g from the m, in both directions.
TEXT runtime·dropg(SB), NOSPLIT, $0-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	MOVQ	m_curg(BX), AX		// AX = curg
	MOVQ	$0, g_m(AX)
	MOVQ	$0, m_curg(BX)
	RET

// func goexit1()
// The exiting goroutine's last call on its own stack: finish in goexit0 on g0.
TEXT runtime·goexit1(SB), $8-0
	MOVQ	$runtime·goexit0PC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func goexit0(gp *g)
// On g0: gp becomes dead, loses its m, defers, panics and per-run state, goes to the free list
// (with its stack if that is still 2 KiB), and the M schedules something else.
TEXT runtime·goexit0(SB), $16-8
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVL	$const__Grunning, 8(SP)
	MOVL	$const__Gdead, 12(SP)
	CALL	runtime·casgstatus(SB)
	MOVQ	gp+0(FP), DI		// DI = gp
	MOVQ	$0, g_m(DI)
	MOVQ	$0, g_lockedm(DI)
	MOVB	$0, g_paniconfault(DI)
	MOVQ	$0, g__defer(DI)
	MOVQ	$0, g__panic(DI)
	MOVQ	$0, g_writebuf(DI)	// the slice's pointer; len and cap go with it
	MOVQ	$0, (g_writebuf+8)(DI)
	MOVQ	$0, (g_writebuf+16)(DI)
	MOVB	$0, g_waitreason(DI)
	MOVQ	$0, g_param(DI)
	MOVQ	$0, g_labels(DI)
	MOVQ	$0, g_timer(DI)
	MOVB	$1, g_gcscanvalid(DI)
	CALL	runtime·dropg(SB)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)		// gfput(m.p, gp)
	MOVQ	gp+0(FP), DI
	MOVQ	DI, 8(SP)
	CALL	runtime·gfput(SB)
	CALL	runtime·schedule(SB)
	RET

// func Gosched()
// Yields: the calling g goes to the back of the global queue and runs again later.
TEXT runtime·Gosched(SB), $8-0
	MOVQ	$runtime·gosched_mPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func gosched_m(gp *g), Gosched's half on g0.
TEXT runtime·gosched_m(SB), $8-8
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·goschedImpl(SB)
	RET

// func goschedImpl(gp *g)
// gp (running) becomes runnable on the global queue; the M schedules.
TEXT runtime·goschedImpl(SB), $16-8
	MOVQ	gp+0(FP), DI
	MOVL	g_atomicstatus(DI), AX
	ANDL	$~const__Gscan, AX
	CMPL	AX, $const__Grunning
	JEQ	running
	THROW(runtime·msgBadGStatus)
running:
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVL	$const__Grunning, 8(SP)
	MOVL	$const__Grunnable, 12(SP)
	CALL	runtime·casgstatus(SB)
	CALL	runtime·dropg(SB)
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	CALL	runtime·schedule(SB)
	RET
