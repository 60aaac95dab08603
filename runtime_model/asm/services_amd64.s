// goemu host services: leaf operations that move no control and touch no g, m or stack
// pointer, done natively by goemu instead of guest instructions (docs/runtime.md says why,
// one by one). Each stub is SYSCALL with AX = a service number >= 0x10000; the host reads the
// ABI0 arguments at SP+8.. (SP = the stub's entry SP, no frame) and writes the results after
// them, like any ABI0 callee. As with a real SYSCALL, CX and R11 are clobbered.
#include "go_asm.h"
#include "textflag.h"

// func stackalloc(n uint32) stack
// A fresh n-byte goroutine stack (n a power of two >= 2048) from goemu's stack arena.
TEXT runtime·stackalloc(SB),NOSPLIT,$0-24
	MOVL	$const_goemuSvcStackalloc, AX
	SYSCALL
	RET

// func stackfree(stk stack)
TEXT runtime·stackfree(SB),NOSPLIT,$0-16
	MOVL	$const_goemuSvcStackfree, AX
	SYSCALL
	RET

// func mallocgc(size uintptr, typ *_type, needzero bool) unsafe.Pointer
// Heap memory (g's, p's, heap _defer records); typ is unused, memory is always zeroed.
TEXT runtime·mallocgc(SB),NOSPLIT,$0-32
	MOVL	$const_goemuSvcMallocgc, AX
	SYSCALL
	RET

// func memmove(to, from unsafe.Pointer, n uintptr)
TEXT runtime·memmove(SB),NOSPLIT,$0-24
	MOVL	$const_goemuSvcMemmove, AX
	SYSCALL
	RET

// func memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)
TEXT runtime·memclrNoHeapPointers(SB),NOSPLIT,$0-16
	MOVL	$const_goemuSvcMemclr, AX
	SYSCALL
	RET

// func nanotime() int64
// goemu's clock: derived from the retired-instruction count, so runs are reproducible.
TEXT runtime·nanotime(SB),NOSPLIT,$0-8
	MOVL	$const_goemuSvcNanotime, AX
	SYSCALL
	RET

// func goemuTraceback(pc, sp uintptr, gp *g)
// The hook throw uses where Go prints the goroutine traceback: goemu's tracer prints gp's
// stack as unwound from (pc, sp).
TEXT runtime·goemuTraceback(SB),NOSPLIT,$0-24
	MOVL	$const_goemuSvcTraceback, AX
	SYSCALL
	RET
