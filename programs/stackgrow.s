// stackgrow: seed 004's recursive sum, written without NOSPLIT so the assembler inserts the
// stack check; the goroutine's stack starts at 2 KiB and morestack/newstack double it
// (copystack) whenever a call would cross stackguard0.
//
//   func sum(n int) int { if n > 0 { return n + sum(n-1) }; return 0 }
//   func main() { println("sum(100) =", sum(100)); println("sum(100000) =", sum(100000)) }
//
// Each level is a 32-byte frame (16 + BP slot + return address): sum(100) needs 3.2 KiB, so
// it grows the stack once; sum(100000) needs 3.2 MB and grows it to 4 MiB, eleven doublings.
#include "textflag.h"
#include "funcdata.h"

#define PRINTS(sym, len) \
	MOVQ	$sym(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$len, 8(SP); \
	CALL	runtime·printstring(SB)

// func sum(n int) (result int), seed 004's code with the NOSPLIT flag removed.
TEXT main·sum(SB), $16-16
	NO_LOCAL_POINTERS
	MOVQ	n+0(FP), AX		// n
	MOVQ	result+8(FP), BX	// result
	CMPQ	AX, $0			// test n - 0
	JG	L_STEP_TO_END		// if > 0: goto L_STEP_TO_END
	JMP	L_END			// goto L_END
L_STEP_TO_END:
	SUBQ	$1, AX			// AX -= 1
	MOVQ	AX, 0(SP)		// arg: n-1
	CALL	main·sum(SB)		// call sum(n-1)
	MOVQ	8(SP), BX		// BX = sum(n-1)
	MOVQ	n+0(FP), AX		// AX = n
	ADDQ	AX, BX			// BX += AX
	MOVQ	BX, result+8(FP)	// return BX
	RET
L_END:
	MOVQ	$0, result+8(FP)	// return 0
	RET

// printsum(n): println("sum(", n, ") =", sum(n)) without spaces inside the parentheses.
TEXT main·printsum(SB), $24-8
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	main·sum(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 16(SP)		// the sum, kept across the prints
	CALL	runtime·printlock(SB)
	PRINTS(sumOpen<>, 4)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	PRINTS(sumClose<>, 4)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func main()
TEXT main·main(SB), $8-0
	MOVQ	$100, 0(SP)
	CALL	main·printsum(SB)
	MOVQ	$100000, 0(SP)
	CALL	main·printsum(SB)
	RET

DATA	sumOpen<>+0(SB)/4, $"sum("
GLOBL	sumOpen<>(SB), RODATA, $4
DATA	sumClose<>+0(SB)/4, $") = "
GLOBL	sumClose<>(SB), RODATA, $4
