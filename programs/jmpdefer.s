// jmpdefer: seed 000's loop made visible. A function with three defers returns through
// deferreturn; each deferred call is entered by jmpdefer as if `loop` had called it, with
// loop's return address moved back 5 bytes (SUBQ $5, (SP)) onto loop's own
// `CALL runtime·deferreturn`. So every deferred function sees the same return address, the
// CALL instruction (opcode 0xe8), on the same SP: loop re-executes the CALL once per record
// and the stack never grows.
//
//   func main() { loop() }
//   func loop() { defer where(1); defer where(2); defer where(3); println("loop returns") }
//   func where(n int)   // prints where it will return to
#include "textflag.h"
#include "funcdata.h"

// PRINTS(sym, len): printstring of the len bytes at sym.
#define PRINTS(sym, len) \
	MOVQ	$sym(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$len, 8(SP); \
	CALL	runtime·printstring(SB)

// loop's SP after its prologue, for where to compare with.
GLOBL	main·loopSP(SB), NOPTR, $8

TEXT main·main(SB), $0-0
	CALL	main·loop(SB)
	RET

// func loop()
// Frame: 0..7 deferprocStack's argument, then 3 x (48-byte record + 8-byte argument).
TEXT main·loop(SB), $176-0
	NO_LOCAL_POINTERS
	MOVQ	SP, main·loopSP(SB)
	MOVL	$8, 8(SP)		// d.siz: one int argument
	LEAQ	main·where·f(SB), AX
	MOVQ	AX, 32(SP)		// d.fn
	MOVQ	$1, 56(SP)		// n
	LEAQ	8(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	MOVL	$8, 64(SP)
	LEAQ	main·where·f(SB), AX
	MOVQ	AX, 88(SP)
	MOVQ	$2, 112(SP)
	LEAQ	64(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	MOVL	$8, 120(SP)
	LEAQ	main·where·f(SB), AX
	MOVQ	AX, 144(SP)
	MOVQ	$3, 168(SP)
	LEAQ	120(SP), AX
	MOVQ	AX, (SP)
	CALL	runtime·deferprocStack(SB)
	TESTL	AX, AX
	JNE	recovered
	CALL	runtime·printlock(SB)
	PRINTS(loopReturns<>, 12)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)	// entered once per record, then once more to return
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func where(n int)
// Prints its return address as an offset in loop, the opcode byte there, and whether its
// caller's SP (the address of n) is loop's SP.
TEXT main·where(SB), $16-8
	CALL	runtime·printlock(SB)
	PRINTS(deferredText<>, 9)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	PRINTS(returnsTo<>, 23)
	LEAQ	n+0(FP), BX
	MOVQ	-8(BX), AX		// AX = our return address
	MOVQ	$main·loop(SB), CX
	SUBQ	CX, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	PRINTS(opcodeText<>, 9)
	LEAQ	n+0(FP), BX
	MOVQ	-8(BX), AX
	MOVBQZX	0(AX), AX		// the first byte of the instruction we return to
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	PRINTS(sameSPText<>, 19)
	LEAQ	n+0(FP), AX		// AX = our caller's SP
	CMPQ	AX, main·loopSP(SB)
	SETEQ	0(SP)
	CALL	runtime·printbool(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

DATA	main·where·f+0(SB)/8, $main·where(SB)
GLOBL	main·where·f(SB), RODATA, $8

DATA	loopReturns<>+0(SB)/8, $"loop ret"
DATA	loopReturns<>+8(SB)/4, $"urns"
GLOBL	loopReturns<>(SB), RODATA, $12
DATA	deferredText<>+0(SB)/8, $"deferred"
DATA	deferredText<>+8(SB)/1, $" "
GLOBL	deferredText<>(SB), RODATA, $9
DATA	returnsTo<>+0(SB)/8, $": return"
DATA	returnsTo<>+8(SB)/8, $"s to mai"
DATA	returnsTo<>+16(SB)/7, $"n.loop+"
GLOBL	returnsTo<>(SB), RODATA, $23
DATA	opcodeText<>+0(SB)/8, $", opcode"
DATA	opcodeText<>+8(SB)/1, $" "
GLOBL	opcodeText<>(SB), RODATA, $9
DATA	sameSPText<>+0(SB)/8, $", SP is "
DATA	sameSPText<>+8(SB)/8, $"loop's S"
DATA	sameSPText<>+16(SB)/3, $"P: "
GLOBL	sameSPText<>(SB), RODATA, $19
