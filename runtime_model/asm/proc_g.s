// Creating goroutines (go1.13 proc.go, stack.go, sys_x86.go): newproc on the caller's stack,
// newproc1 on g0, the g and stack allocation behind it, the first frame planted by
// gostartcall, the per-P free list of dead g's, and g status changes.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func newproc(siz int32, fn *funcval)
// The `go` statement: fn's siz bytes of arguments follow fn in the caller's frame, which is
// why newproc must not split its stack. Builds the closure newproc.func1 in its own frame and
// runs it on g0 through systemstack.
// Frame: 0..7 systemstack's argument, 8..55 the closure {F, fn, argp, siz, gp, pc}.
TEXT runtime·newproc(SB), NOSPLIT, $56-16
	MOVQ	$runtime·newproc·func1(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	fn+8(FP), AX
	MOVQ	AX, 16(SP)		// fn
	LEAQ	fn+8(FP), AX
	ADDQ	$8, AX
	MOVQ	AX, 24(SP)		// argp: the first argument for fn, just past fn
	MOVLQSX	siz+0(FP), AX
	MOVQ	AX, 32(SP)		// siz
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, 40(SP)		// gp = getg(), the creating g
	LEAQ	siz+0(FP), AX
	MOVQ	-8(AX), AX
	MOVQ	AX, 48(SP)		// pc = getcallerpc(): just after the go statement's CALL
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	RET

// newproc.func1: newproc1(fn, argp, siz, gp, pc) with the values captured at 8(DX)...
TEXT runtime·newproc·func1(SB), NEEDCTXT, $40-0
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)		// fn
	MOVQ	16(DX), AX
	MOVQ	AX, 8(SP)		// argp
	MOVQ	24(DX), AX
	MOVL	AX, 16(SP)		// narg
	MOVQ	32(DX), AX
	MOVQ	AX, 24(SP)		// callergp
	MOVQ	40(DX), AX
	MOVQ	AX, 32(SP)		// callerpc
	CALL	runtime·newproc1(SB)
	RET

// func newproc1(fn *funcval, argp *uint8, narg int32, callergp *g, callerpc uintptr)
// On g0: takes a dead g (or makes one with a 2 KiB stack), copies narg argument bytes to the
// top of its stack below 32 spare bytes, plants goexit+1 as the return address of fn's frame,
// numbers it and queues it in the P's runnext slot.
// Frame: 0..23 callee arguments, 24 newg, 32 p, 40 sp (newg's argument area), 48 siz.
TEXT runtime·newproc1(SB), $56-40
	MOVQ	fn+0(FP), AX
	TESTQ	AX, AX
	JNE	have_fn
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVL	$-1, m_throwing(AX)	// no goroutine dumps for this one
	THROW(runtime·msgNilFunc)
have_fn:
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX		// BX = m
	ADDL	$1, m_locks(BX)		// acquirem: no preemption while p is in a local
	MOVLQSX	narg+16(FP), AX
	ADDQ	$7, AX
	ANDQ	$~7, AX			// AX = siz, narg rounded to words
	MOVQ	AX, 48(SP)
	CMPQ	AX, $(const__StackMin-5*8)	// room for 4 spare words and the return address
	JLT	fits
	THROW(runtime·msgArgsTooLarge)
fits:
	MOVQ	m_p(BX), AX
	MOVQ	AX, 32(SP)		// p = m.p
	MOVQ	AX, 0(SP)
	CALL	runtime·gfget(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 24(SP)		// newg = gfget(p)
	TESTQ	AX, AX
	JNE	have_g
	MOVL	$const__StackMin, 0(SP)
	CALL	runtime·malg(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 24(SP)		// newg = malg(_StackMin)
	MOVQ	AX, 0(SP)
	MOVL	$const__Gidle, 8(SP)
	MOVL	$const__Gdead, 12(SP)
	CALL	runtime·casgstatus(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·allgadd(SB)	// publish it to tracebacks (go1.13: also to the GC)
have_g:
	MOVQ	24(SP), DI		// DI = newg
	CMPQ	(g_stack+stack_hi)(DI), $0
	JNE	has_stack
	THROW(runtime·msgNewgMissingStack)
has_stack:
	MOVQ	24(SP), DI
	CMPL	g_atomicstatus(DI), $const__Gdead
	JEQ	is_dead
	THROW(runtime·msgNewgNotDead)
is_dead:
	// sp = stack.hi - (4 spare words + siz); the arguments go at sp.
	MOVQ	24(SP), DI
	MOVQ	(g_stack+stack_hi)(DI), AX
	SUBQ	$32, AX
	SUBQ	48(SP), AX
	MOVQ	AX, 40(SP)
	MOVLQSX	narg+16(FP), CX
	TESTQ	CX, CX
	JEQ	args_copied
	MOVQ	AX, 0(SP)		// to
	MOVQ	argp+8(FP), BX
	MOVQ	BX, 8(SP)		// from
	MOVQ	CX, 16(SP)		// n
	CALL	runtime·memmove(SB)
args_copied:
	// newg.sched = {sp, pc: goexit+PCQuantum, g: newg}, then as if goexit had called fn.
	MOVQ	24(SP), DI
	LEAQ	g_sched(DI), AX
	MOVQ	AX, 0(SP)
	MOVQ	$gobuf__size, 8(SP)
	CALL	runtime·memclrNoHeapPointers(SB)
	MOVQ	24(SP), DI		// DI = newg
	MOVQ	40(SP), AX		// AX = sp
	MOVQ	AX, (g_sched+gobuf_sp)(DI)
	MOVQ	AX, g_stktopsp(DI)
	MOVQ	$runtime·goexit(SB), AX
	ADDQ	$1, AX			// PCQuantum: the CALL inside goexit
	MOVQ	AX, (g_sched+gobuf_pc)(DI)
	MOVQ	DI, (g_sched+gobuf_g)(DI)
	LEAQ	g_sched(DI), AX
	MOVQ	AX, 0(SP)
	MOVQ	fn+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gostartcallfn(SB)
	MOVQ	24(SP), DI		// DI = newg
	MOVQ	callerpc+32(FP), AX
	MOVQ	AX, g_gopc(DI)
	MOVQ	fn+0(FP), AX
	MOVQ	funcval_fn(AX), AX
	MOVQ	AX, g_startpc(DI)
	MOVB	$0, g_gcscanvalid(DI)
	MOVQ	DI, 0(SP)
	MOVL	$const__Gdead, 8(SP)
	MOVL	$const__Grunnable, 12(SP)
	CALL	runtime·casgstatus(SB)

	// goid: from the P's cache, refilled _GoidCacheBatch at a time (the first is 1).
	MOVQ	32(SP), BX		// BX = p
	MOVQ	p_goidcache(BX), AX
	CMPQ	AX, p_goidcacheend(BX)
	JNE	have_ids
	MOVQ	runtime·sched+schedt_goidgen(SB), AX
	ADDQ	$const__GoidCacheBatch, AX
	MOVQ	AX, runtime·sched+schedt_goidgen(SB)
	SUBQ	$(const__GoidCacheBatch-1), AX
	MOVQ	AX, p_goidcache(BX)
	ADDQ	$const__GoidCacheBatch, AX
	MOVQ	AX, p_goidcacheend(BX)
have_ids:
	MOVQ	p_goidcache(BX), AX
	MOVQ	24(SP), DI
	MOVQ	AX, g_goid(DI)
	INCQ	p_goidcache(BX)

	MOVQ	BX, 0(SP)		// runqput(p, newg, true)
	MOVQ	DI, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·runqput(SB)

	// releasem, re-arming a preemption request newstack may have set aside.
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g0
	MOVQ	g_m(AX), BX
	SUBL	$1, m_locks(BX)
	JNE	done
	CMPB	g_preempt(AX), $0
	JEQ	done
	MOVQ	$const_stackPreempt, BX
	MOVQ	BX, g_stackguard0(AX)
done:
	RET

// func malg(stacksize int32) *g
// A zeroed g; unless stacksize < 0, with a stack of stacksize rounded up to a power of two
// (allocated on g0) and its guards: stackguard0 = lo + _StackGuard, stackguard1 = ~0.
// Frame: 0..31 callee arguments, 32..55 the closure malg.func1 {F, newg, size}.
TEXT runtime·malg(SB), $56-16
	MOVQ	$g__size, 0(SP)
	MOVQ	$0, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·mallocgc(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, 40(SP)		// newg
	MOVLQSX	stacksize+0(FP), CX	// CX = requested size
	TESTQ	CX, CX
	JLT	done
	MOVQ	$1, DX			// DX = smallest power of two >= CX
round:
	CMPQ	DX, CX
	JGE	rounded
	SHLQ	$1, DX
	JMP	round
rounded:
	MOVQ	DX, 48(SP)
	MOVQ	$runtime·malg·func1(SB), AX
	MOVQ	AX, 32(SP)
	LEAQ	32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	MOVQ	40(SP), AX		// AX = newg, now with a stack
	MOVQ	(g_stack+stack_lo)(AX), BX
	ADDQ	$const__StackGuard, BX
	MOVQ	BX, g_stackguard0(AX)
	MOVQ	$-1, g_stackguard1(AX)	// C-style prologues must never run on a user g
done:
	MOVQ	40(SP), AX
	MOVQ	AX, ret+8(FP)
	RET

// malg.func1: gp.stack = stackalloc(size), gp at 8(DX), size at 16(DX). gfget reuses it.
// Frame: 0..23 stackalloc's argument and result, 24 the closure pointer.
TEXT runtime·malg·func1(SB), NEEDCTXT, $32-0
	MOVQ	DX, 24(SP)
	MOVQ	16(DX), AX
	MOVL	AX, 0(SP)
	CALL	runtime·stackalloc(SB)
	MOVQ	24(SP), DX
	MOVQ	8(DX), DI		// DI = gp
	MOVQ	8(SP), AX
	MOVQ	AX, (g_stack+stack_lo)(DI)
	MOVQ	16(SP), AX
	MOVQ	AX, (g_stack+stack_hi)(DI)
	RET

// func gostartcallfn(gobuf *gobuf, fv *funcval)
// gostartcall with fv's code (nilfunc for a nil fv, so the fault happens in the new g).
TEXT runtime·gostartcallfn(SB), $24-16
	MOVQ	fv+8(FP), AX		// AX = fv
	MOVQ	$runtime·nilfunc(SB), BX	// BX = code to start
	TESTQ	AX, AX
	JEQ	have_code
	MOVQ	funcval_fn(AX), BX
have_code:
	MOVQ	gobuf+0(FP), CX
	MOVQ	CX, 0(SP)
	MOVQ	BX, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·gostartcall(SB)
	RET

// func gostartcall(buf *gobuf, fn, ctxt unsafe.Pointer)
// Makes buf look as if buf.pc had just called fn with closure context ctxt: buf.pc is pushed
// as fn's return address, then buf resumes at fn with DX = ctxt.
TEXT runtime·gostartcall(SB), NOSPLIT, $0-24
	MOVQ	buf+0(FP), DI		// DI = buf
	MOVQ	gobuf_sp(DI), AX
	SUBQ	$8, AX			// AX = sp of fn's entry
	MOVQ	gobuf_pc(DI), BX
	MOVQ	BX, 0(AX)		// fn's return address
	MOVQ	AX, gobuf_sp(DI)
	MOVQ	fn+8(FP), BX
	MOVQ	BX, gobuf_pc(DI)
	MOVQ	ctxt+16(FP), BX
	MOVQ	BX, gobuf_ctxt(DI)
	RET

// nilfunc is what a goroutine started with a nil func value runs: a nil dereference.
TEXT runtime·nilfunc(SB), NOSPLIT, $0-0
	XORL	AX, AX
	MOVB	$0, 0(AX)
	RET

// func gfput(_p_ *p, gp *g)
// Puts a dead g on the P's free list. Only a standard 2 KiB stack stays with it; a grown one
// goes back to the allocator. (go1.13 also spills long local lists to a global list; with one
// P that only moves g's around, so goemu keeps them local.)
TEXT runtime·gfput(SB), $16-16
	MOVQ	gp+8(FP), DI		// DI = gp
	MOVQ	(g_stack+stack_hi)(DI), AX
	SUBQ	(g_stack+stack_lo)(DI), AX
	CMPQ	AX, $const__FixedStack
	JEQ	keep_stack
	MOVQ	(g_stack+stack_lo)(DI), AX
	MOVQ	AX, 0(SP)
	MOVQ	(g_stack+stack_hi)(DI), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·stackfree(SB)
	MOVQ	gp+8(FP), DI
	MOVQ	$0, (g_stack+stack_lo)(DI)
	MOVQ	$0, (g_stack+stack_hi)(DI)
	MOVQ	$0, g_stackguard0(DI)
keep_stack:
	MOVQ	_p_+0(FP), BX		// BX = p
	MOVQ	(p_gFree+gFreeList_head)(BX), AX
	MOVQ	AX, g_schedlink(DI)
	MOVQ	DI, (p_gFree+gFreeList_head)(BX)
	ADDL	$1, (p_gFree+gFreeList_n)(BX)
	RET

// func gfget(_p_ *p) *g
// Takes a dead g from the P's free list, giving it a 2 KiB stack if gfput had freed its own.
// Frame: 0..7 systemstack's argument, 8..31 the closure malg.func1 {F, gp, size}.
TEXT runtime·gfget(SB), $32-16
	MOVQ	_p_+0(FP), BX		// BX = p
	MOVQ	(p_gFree+gFreeList_head)(BX), DI	// DI = gp
	TESTQ	DI, DI
	JEQ	done
	MOVQ	g_schedlink(DI), AX
	MOVQ	AX, (p_gFree+gFreeList_head)(BX)
	SUBL	$1, (p_gFree+gFreeList_n)(BX)
	CMPQ	(g_stack+stack_lo)(DI), $0
	JNE	done
	MOVQ	$runtime·malg·func1(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	DI, 16(SP)
	MOVQ	$const__FixedStack, 24(SP)
	LEAQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	MOVQ	16(SP), DI
	MOVQ	(g_stack+stack_lo)(DI), AX
	ADDQ	$const__StackGuard, AX
	MOVQ	AX, g_stackguard0(DI)
done:
	MOVQ	DI, ret+8(FP)
	RET

// func casgstatus(gp *g, oldval, newval uint32)
// gp.atomicstatus: oldval -> newval. Go waits while another M holds the g in a different
// state; goemu has one M, so a different state can never change and it throws instead.
TEXT runtime·casgstatus(SB), NOSPLIT, $16-16
	MOVL	oldval+8(FP), AX	// AX = oldval
	MOVL	newval+12(FP), BX	// BX = newval
	CMPL	AX, BX
	JEQ	bad
	MOVL	AX, CX
	ORL	BX, CX
	TESTL	$const__Gscan, CX
	JNE	bad
	MOVQ	gp+0(FP), DI
	CMPL	g_atomicstatus(DI), AX
	JNE	mismatch
	MOVL	BX, g_atomicstatus(DI)
	RET
bad:
	THROW(runtime·msgCasgstatusBadValues)
mismatch:
	THROW(runtime·msgCasgstatusMismatch)
	RET

// func allgadd(gp *g)
// Appends gp to allgs, the list every goroutine dump walks, growing it as append does.
// Frame: 0..31 callee arguments, 32..39 the new array.
TEXT runtime·allgadd(SB), $40-8
	MOVQ	runtime·allgs+8(SB), AX		// AX = len
	CMPQ	AX, runtime·allgs+16(SB)
	JLT	room
	MOVQ	runtime·allgs+16(SB), AX
	SHLQ	$1, AX				// twice the capacity, at least 8
	CMPQ	AX, $8
	JGE	sized
	MOVQ	$8, AX
sized:
	MOVQ	AX, runtime·allgs+16(SB)
	SHLQ	$3, AX
	MOVQ	AX, 0(SP)			// size
	MOVQ	$0, 8(SP)			// typ
	MOVB	$1, 16(SP)			// needzero
	CALL	runtime·mallocgc(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, 32(SP)
	MOVQ	AX, 0(SP)			// to: the new array
	MOVQ	runtime·allgs+0(SB), AX
	MOVQ	AX, 8(SP)			// from: the old one
	MOVQ	runtime·allgs+8(SB), AX
	SHLQ	$3, AX
	MOVQ	AX, 16(SP)			// n
	CALL	runtime·memmove(SB)
	MOVQ	32(SP), AX
	MOVQ	AX, runtime·allgs+0(SB)
room:
	MOVQ	runtime·allgs+0(SB), DI
	MOVQ	runtime·allgs+8(SB), AX
	MOVQ	gp+0(FP), BX
	MOVQ	BX, (DI)(AX*8)
	INCQ	AX
	MOVQ	AX, runtime·allgs+8(SB)
	RET
