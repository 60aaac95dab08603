// The functions the compiler calls for print/println, with go1.13's ABI0 signatures. Every
// byte goes to fd 2 through write(2); numbers are formatted here, by guest instructions.
// A print statement brackets its calls with printlock/printunlock.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"
#include "goemu_rt.h"

// func printlock()
// Nested print locks are counted in m.printlock; the outermost one takes debuglock, which
// go1.13 counts in m.locks. With one M the lock itself is always free, so only the count is
// kept: m.locks stays raised while the print runs, which blocks preemption as in Go.
TEXT runtime·printlock(SB), NOSPLIT, $0-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX		// AX = m
	ADDB	$1, m_printlock(AX)
	CMPB	m_printlock(AX), $1
	JNE	nested
	ADDL	$1, m_locks(AX)		// debuglock held
nested:
	RET

// func printunlock()
TEXT runtime·printunlock(SB), NOSPLIT, $0-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX		// AX = m
	SUBB	$1, m_printlock(AX)
	JNE	nested
	SUBL	$1, m_locks(AX)		// debuglock released
nested:
	RET

// func gwrite(b []byte)
// Writes b to fd 2. (go1.13 can divert into g.writebuf for its own tests; goemu does not.)
TEXT runtime·gwrite(SB), NOSPLIT, $32-24
	MOVQ	b_len+8(FP), AX		// AX = len(b)
	TESTQ	AX, AX
	JEQ	empty
	MOVQ	$2, 0(SP)		// fd
	MOVQ	b_base+0(FP), BX
	MOVQ	BX, 8(SP)		// p
	MOVL	AX, 16(SP)		// n
	CALL	runtime·write(SB)
empty:
	RET

// func printstring(s string)
TEXT runtime·printstring(SB), $24-16
	MOVQ	s_base+0(FP), AX
	MOVQ	AX, 0(SP)		// b.ptr
	MOVQ	s_len+8(FP), AX
	MOVQ	AX, 8(SP)		// b.len
	MOVQ	AX, 16(SP)		// b.cap
	CALL	runtime·gwrite(SB)
	RET

// func printsp()
TEXT runtime·printsp(SB), $16-0
	PRINTSTR(runtime·msgSpace)
	RET

// func printnl()
TEXT runtime·printnl(SB), $16-0
	PRINTSTR(runtime·msgNewline)
	RET

// func printbool(v bool)
// Prints "true" or "false".
TEXT runtime·printbool(SB), $16-1
	CMPB	v+0(FP), $0
	JEQ	false
	PRINTSTR(runtime·msgTrue)
	RET
false:
	PRINTSTR(runtime·msgFalse)
	RET

// func printuint(v uint64)
// Decimal, no sign, no padding.
// Frame: 0..23 gwrite's argument, 24..55 the digits, written backwards from 56(SP).
TEXT runtime·printuint(SB), $56-8
	MOVQ	v+0(FP), AX		// AX = what is left to print
	LEAQ	56(SP), DI		// DI = first digit written so far
	MOVQ	$10, CX
next:
	XORL	DX, DX
	DIVQ	CX			// AX = AX / 10, DX = lowest digit
	ADDB	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	TESTQ	AX, AX
	JNE	next
	MOVQ	DI, 0(SP)		// b.ptr
	LEAQ	56(SP), AX
	SUBQ	DI, AX			// AX = number of digits
	MOVQ	AX, 8(SP)		// b.len
	MOVQ	AX, 16(SP)		// b.cap
	CALL	runtime·gwrite(SB)
	RET

// func printint(v int64)
// A '-' for negative values, then the magnitude as printuint prints it.
TEXT runtime·printint(SB), $16-8
	MOVQ	v+0(FP), AX
	TESTQ	AX, AX
	JGE	positive
	PRINTSTR(runtime·msgMinus)
	MOVQ	v+0(FP), AX
	NEGQ	AX			// the most negative value stays itself, read as unsigned: right
positive:
	MOVQ	AX, 0(SP)
	CALL	runtime·printuint(SB)
	RET

// func printhex(v uint64)
// "0x" and lower-case hex digits, no padding.
// Frame: 0..23 gwrite's argument, 24..55 the text, written backwards from 56(SP).
TEXT runtime·printhex(SB), $56-8
	MOVQ	v+0(FP), AX		// AX = what is left to print
	LEAQ	56(SP), DI		// DI = first character written so far
next:
	MOVQ	AX, DX
	ANDQ	$15, DX			// DX = lowest nibble
	CMPQ	DX, $10
	JCS	digit
	ADDQ	$39, DX			// 10..15 -> 'a'..'f' after the '0' below
digit:
	ADDQ	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	SHRQ	$4, AX
	JNE	next
	DECQ	DI
	MOVB	$'x', 0(DI)
	DECQ	DI
	MOVB	$'0', 0(DI)
	MOVQ	DI, 0(SP)		// b.ptr
	LEAQ	56(SP), AX
	SUBQ	DI, AX			// AX = length of the text
	MOVQ	AX, 8(SP)		// b.len
	MOVQ	AX, 16(SP)		// b.cap
	CALL	runtime·gwrite(SB)
	RET

// func printpointer(p unsafe.Pointer)
TEXT runtime·printpointer(SB), $8-8
	MOVQ	p+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	RET
