// Stack growth (go1.13 stack.go): newstack, reached from morestack on g0, doubles the
// goroutine's stack with copystack and resumes the function that ran out of room.
//
// Pointer relocation rule. Go finds the pointers into a stack being moved from the stack maps
// the compiler emits for every frame; goemu programs are hand-written assembly with no maps.
// goemu therefore relocates conservatively: every 8-byte-aligned word of the copied part of
// the stack whose value lies in [old.lo, old.hi) gets +delta (delta = new.hi - old.hi, the
// stack stays top-aligned). That covers saved frame pointers, records built by
// deferprocStack and their arguments, stack-allocated closures and any pointer a frame keeps
// to its own or an outer frame's locals. Outside the stack it adjusts what Go adjusts: the
// g's sched.ctxt and sched.bp, g._defer and g._panic, and the sp, fn, _panic and link fields
// of heap-allocated _defer records. The price of conservatism: an integer that happens to
// hold a value inside the old stack's range is rewritten too.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func newstack()
// On g0, called by morestack for m.curg, whose state morestack left in g.sched (pc = the
// JMP back to the function's stack check) and whose caller is in m.morebuf. Serves a pending
// preemption request, or doubles the stack and resumes the function on the new one, where it
// re-runs its check. Never returns.
// Frame: 0..23 callee arguments, 24 gp, 32 newsize.
TEXT runtime·newstack(SB), $40-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	MOVQ	(m_morebuf+gobuf_g)(BX), SI	// SI = the g that ran out of stack
	MOVQ	$const_stackFork, DX
	CMPQ	g_stackguard0(SI), DX
	JNE	not_forking
	THROW(runtime·msgStackGrowthAfterFork)
not_forking:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	(m_morebuf+gobuf_g)(BX), SI
	CMPQ	SI, m_curg(BX)
	JEQ	is_curg
	THROW(runtime·msgWrongGoroutine)
is_curg:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_curg(BX), DI		// DI = gp
	MOVQ	DI, 24(SP)
	CMPB	g_throwsplit(DI), $0
	JEQ	may_split
	THROW(runtime·msgSplitAtBadTime)
may_split:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	MOVQ	24(SP), DI		// DI = gp
	MOVQ	$0, (m_morebuf+gobuf_pc)(BX)	// morebuf is consumed
	MOVQ	$0, (m_morebuf+gobuf_lr)(BX)
	MOVQ	$0, (m_morebuf+gobuf_sp)(BX)
	MOVQ	$0, (m_morebuf+gobuf_g)(BX)

	// A preemption request that cannot be served now is dropped: resume gp as it was.
	MOVQ	$const_stackPreempt, DX
	CMPQ	g_stackguard0(DI), DX
	JNE	check_bounds
	CMPL	m_locks(BX), $0
	JNE	resume
	CMPL	m_mallocing(BX), $0
	JNE	resume
	CMPQ	(m_preemptoff+stringStruct_len)(BX), $0
	JNE	resume
	MOVQ	m_p(BX), AX
	CMPL	p_status(AX), $const__Prunning
	JEQ	check_bounds
resume:
	MOVQ	(g_stack+stack_lo)(DI), AX
	ADDQ	$const__StackGuard, AX
	MOVQ	AX, g_stackguard0(DI)
	LEAQ	g_sched(DI), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)

check_bounds:
	MOVQ	24(SP), DI
	CMPQ	(g_stack+stack_lo)(DI), $0
	JNE	has_stack
	THROW(runtime·msgMissingStack)
has_stack:
	MOVQ	24(SP), DI
	MOVQ	(g_sched+gobuf_sp)(DI), AX
	SUBQ	$8, AX			// the CALL to morestack used one more word
	CMPQ	AX, (g_stack+stack_lo)(DI)
	JCC	in_bounds
	THROW(runtime·msgSplitStackOverflow)
in_bounds:
	MOVQ	24(SP), DI
	MOVQ	$const_stackPreempt, DX
	CMPQ	g_stackguard0(DI), DX
	JNE	grow
	// Preempt: gp yields like Gosched (goemu has no GC stack scans to do first).
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	CMPQ	DI, m_g0(BX)
	JNE	preempt_user_g
	THROW(runtime·msgPreemptG0)
preempt_user_g:
	MOVQ	24(SP), DI
	MOVQ	DI, 0(SP)
	CALL	runtime·goschedImpl(SB)

grow:
	MOVQ	(g_stack+stack_hi)(DI), AX
	SUBQ	(g_stack+stack_lo)(DI), AX
	SHLQ	$1, AX			// AX = newsize, twice the old size
	MOVQ	AX, 32(SP)
	CMPQ	AX, runtime·maxstacksize(SB)
	JLS	size_ok
	CALL	runtime·printlock(SB)
	PRINTSTR(runtime·msgStackExceedsPrefix)
	MOVQ	runtime·maxstacksize(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printuint(SB)
	PRINTSTR(runtime·msgStackExceedsSuffix)
	CALL	runtime·printunlock(SB)
	THROW(runtime·msgStackOverflow)
size_ok:
	MOVQ	24(SP), DI
	MOVQ	DI, 0(SP)
	MOVL	$const__Grunning, 8(SP)
	MOVL	$const__Gcopystack, 12(SP)
	CALL	runtime·casgstatus(SB)
	MOVQ	24(SP), DI
	MOVQ	DI, 0(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·copystack(SB)
	MOVQ	24(SP), DI
	MOVQ	DI, 0(SP)
	MOVL	$const__Gcopystack, 8(SP)
	MOVL	$const__Grunning, 12(SP)
	CALL	runtime·casgstatus(SB)
	MOVQ	24(SP), DI
	LEAQ	g_sched(DI), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)	// back into the function, on the new stack
	RET

// func copystack(gp *g, newsize uintptr)
// Moves gp's stack to a fresh newsize-byte one, top-aligned, and relocates pointers into it by
// the rule at the top of this file. (go1.13's third argument, sync, is always true for
// growth, which is the only use here.)
// Frame: 0..23 callee arguments, 24 old.lo, 32 old.hi, 40 new.lo, 48 new.hi, 56 used,
// 64 delta.
TEXT runtime·copystack(SB), $72-16
	MOVQ	gp+0(FP), DI		// DI = gp
	CMPQ	g_syscallsp(DI), $0
	JEQ	not_in_syscall
	THROW(runtime·msgGrowthInSyscall)
not_in_syscall:
	MOVQ	gp+0(FP), DI
	MOVQ	(g_stack+stack_lo)(DI), AX
	TESTQ	AX, AX
	JNE	has_base
	THROW(runtime·msgNilStackbase)
has_base:
	MOVQ	gp+0(FP), DI
	MOVQ	(g_stack+stack_lo)(DI), AX
	MOVQ	AX, 24(SP)		// old.lo
	MOVQ	(g_stack+stack_hi)(DI), AX
	MOVQ	AX, 32(SP)		// old.hi
	SUBQ	(g_sched+gobuf_sp)(DI), AX
	MOVQ	AX, 56(SP)		// used: from the parked SP up to old.hi

	MOVQ	newsize+8(FP), AX
	MOVL	AX, 0(SP)
	CALL	runtime·stackalloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 40(SP)		// new.lo
	MOVQ	16(SP), AX
	MOVQ	AX, 48(SP)		// new.hi
	SUBQ	32(SP), AX
	MOVQ	AX, 64(SP)		// delta = new.hi - old.hi

	MOVQ	48(SP), AX
	SUBQ	56(SP), AX
	MOVQ	AX, 0(SP)		// to: new.hi - used
	MOVQ	32(SP), AX
	SUBQ	56(SP), AX
	MOVQ	AX, 8(SP)		// from: old.hi - used
	MOVQ	56(SP), AX
	MOVQ	AX, 16(SP)		// n: used
	CALL	runtime·memmove(SB)

	// Relocate the copy, one aligned word at a time.
	MOVQ	24(SP), R8		// R8 = old.lo
	MOVQ	32(SP), R9		// R9 = old.hi
	MOVQ	64(SP), R10		// R10 = delta
	MOVQ	48(SP), SI		// SI = new.hi, the end of the scan
	MOVQ	SI, BX
	SUBQ	56(SP), BX
	ADDQ	$7, BX
	ANDQ	$~7, BX			// BX = first aligned word of the copy
scan:
	CMPQ	BX, SI
	JCC	scanned
	CALL	runtime·adjustpointer<>(SB)
	ADDQ	$8, BX
	JMP	scan
scanned:
	// The g's own pointers into its stack.
	MOVQ	gp+0(FP), DI
	LEAQ	(g_sched+gobuf_ctxt)(DI), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	(g_sched+gobuf_bp)(DI), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	g__defer(DI), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	g__panic(DI), BX
	CALL	runtime·adjustpointer<>(SB)

	// Heap records on the defer chain (records on the stack were relocated by the scan). The
	// chain is followed through already-adjusted links, so it walks the new stack's copies.
	MOVQ	g__defer(DI), DX	// DX = d
defers:
	TESTQ	DX, DX
	JEQ	defers_done
	CMPB	_defer_heap(DX), $0
	JEQ	next_defer
	LEAQ	_defer_sp(DX), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	_defer_fn(DX), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	_defer__panic(DX), BX
	CALL	runtime·adjustpointer<>(SB)
	LEAQ	_defer_link(DX), BX
	CALL	runtime·adjustpointer<>(SB)
next_defer:
	MOVQ	_defer_link(DX), DX
	JMP	defers
defers_done:
	// Switch gp to the new stack; the fresh guard also drops any preemption request.
	MOVQ	40(SP), AX
	MOVQ	AX, (g_stack+stack_lo)(DI)
	ADDQ	$const__StackGuard, AX
	MOVQ	AX, g_stackguard0(DI)
	MOVQ	48(SP), AX
	MOVQ	AX, (g_stack+stack_hi)(DI)
	SUBQ	56(SP), AX
	MOVQ	AX, (g_sched+gobuf_sp)(DI)
	MOVQ	64(SP), AX
	ADDQ	AX, g_stktopsp(DI)

	MOVQ	24(SP), AX
	MOVQ	AX, 0(SP)		// stackfree(old)
	MOVQ	32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·stackfree(SB)
	RET

// adjustpointer<>: if the word at BX holds a value in [R8, R9) (the old stack), add R10
// (delta) to it. Register-only leaf: clobbers AX, preserves everything else.
TEXT runtime·adjustpointer<>(SB), NOSPLIT, $0-0
	MOVQ	0(BX), AX
	CMPQ	AX, R8
	JCS	done
	CMPQ	AX, R9
	JCC	done
	ADDQ	R10, AX
	MOVQ	AX, 0(BX)
done:
	RET
