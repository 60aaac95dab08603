// Synchronous signals as panics (go1.13 signal_unix.go, panic.go): goemu's host plays the
// kernel and sighandler's preparePanic (runtime_model/signals.h) — it records the signal in
// g.sig/sigcode0/sigcode1/sigpc and enters sigpanic as if the faulting instruction had called
// it. From here on everything is guest code, as in Go.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func sigpanic()
// Turns the recorded signal into the run-time panic Go raises for it: a nil dereference
// (SIGSEGV/SIGBUS below address 0x1000) or an integer divide error panics; any other bad
// address prints "unexpected fault address" and throws "fault".
// Frame: 0..15 callee arguments.
TEXT runtime·sigpanic(SB), $16-0
	get_tls(CX)
	MOVQ	g(CX), AX		// AX = g
	// canpanic: only a running user g, outside the runtime's critical sections, may panic.
	MOVQ	g_m(AX), BX		// BX = m
	CMPQ	m_curg(BX), AX
	JNE	cannot
	CMPL	m_locks(BX), $0
	JNE	cannot
	CMPL	m_mallocing(BX), $0
	JNE	cannot
	CMPL	m_throwing(BX), $0
	JNE	cannot
	CMPQ	(m_preemptoff+8)(BX), $0
	JNE	cannot
	CMPL	m_dying(BX), $0
	JNE	cannot
	MOVL	g_atomicstatus(AX), CX
	ANDL	$~const__Gscan, CX
	CMPL	CX, $const__Grunning
	JNE	cannot
	CMPQ	g_syscallsp(AX), $0
	JEQ	can

cannot:
	THROW(runtime·msgUnexpectedSignal)

can:
	MOVL	g_sig(AX), CX
	MOVQ	g_sigcode0(AX), DX	// DX = si_code
	CMPL	CX, $const__SIGSEGV
	JEQ	segv
	CMPL	CX, $const__SIGBUS
	JEQ	bus
	CMPL	CX, $const__SIGFPE
	JEQ	fpe
	THROW(runtime·msgUnexpectedSignalValue)

bus:
	CMPQ	DX, $const__BUS_ADRERR
	JNE	onfault
	JMP	lowaddr
segv:
	CMPQ	DX, $0
	JEQ	lowaddr
	CMPQ	DX, $const__SEGV_MAPERR
	JEQ	lowaddr
	CMPQ	DX, $const__SEGV_ACCERR
	JNE	onfault
lowaddr:
	CMPQ	g_sigcode1(AX), $0x1000
	JCS	mem			// unsigned: the first page is where nil dereferences land
onfault:
	CMPB	g_paniconfault(AX), $0
	JNE	mem
	// print("unexpected fault address ", hex(addr), "\n"); throw("fault")
	CALL	runtime·printlock(SB)
	PRINTSTR(runtime·msgUnexpectedFaultAddress)
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_sigcode1(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	PRINTSTR(runtime·msgNewline)
	CALL	runtime·printunlock(SB)
	THROW(runtime·msgFault)
mem:
	CALL	runtime·panicmem(SB)

fpe:
	CMPQ	DX, $const__FPE_INTDIV
	JNE	notdiv
	CALL	runtime·panicdivide(SB)
notdiv:
	CMPQ	DX, $const__FPE_INTOVF
	JNE	float
	CALL	runtime·panicoverflow(SB)
float:
	CALL	runtime·panicfloat(SB)
	RET

// func panicmem(), panicdivide(), panicoverflow(), panicfloat()
// panic(e) with the runtime error Go keeps for each (memoryError, divideError, ...).
#define PANICERROR(msg) \
	MOVQ	$runtime·goemuRuntimeErrorType(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$msg(SB), AX; \
	MOVQ	AX, 8(SP); \
	CALL	runtime·gopanic(SB)

TEXT runtime·panicmem(SB), $16-0
	PANICERROR(runtime·msgMemoryError)
	RET

TEXT runtime·panicdivide(SB), $16-0
	PANICERROR(runtime·msgDivideError)
	RET

TEXT runtime·panicoverflow(SB), $16-0
	PANICERROR(runtime·msgOverflowError)
	RET

TEXT runtime·panicfloat(SB), $16-0
	PANICERROR(runtime·msgFloatError)
	RET

// The dynamic type of the runtime's error values: an interface{} whose type word is this
// symbol holds a *string, printed as "runtime error: " and the string (errorString.Error).
GLOBL	runtime·goemuRuntimeErrorType(SB), RODATA, $8
