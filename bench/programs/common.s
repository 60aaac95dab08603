// common: what the bench programs share (their count from the command line, the recursive
// sum, the result line). Assembled with each of them:
//   goemu run bench/programs/NAME.s bench/programs/common.s [--args N]
#include "textflag.h"
#include "funcdata.h"

// func benchCount(def int) int
// argv[1] read as a decimal number (up to its first non-digit), or def when there is none.
TEXT main·benchCount(SB), NOSPLIT, $0-16
	MOVQ	def+0(FP), AX		// AX = the count so far
	MOVL	runtime·argc(SB), CX
	CMPL	CX, $2
	JLT	done
	MOVQ	runtime·argv(SB), SI
	MOVQ	8(SI), SI		// SI = argv[1]
	XORL	AX, AX
digit:
	MOVBQZX	0(SI), CX
	SUBQ	$48, CX			// CX = the digit's value, if it is one ('0' = 48)
	CMPQ	CX, $9
	JHI	done			// unsigned: below '0' wraps around too
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	JMP	digit
done:
	MOVQ	AX, ret+8(FP)
	RET

// func printResult(name string, a, b int): println(name, a, b)
TEXT main·printResult(SB), $16-32
	CALL	runtime·printlock(SB)
	MOVQ	name+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	name+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVQ	a+16(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	b+24(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func sum(n int) (result int)
// bench/workloads.S's call_heavy recursion as Go compiles it: the assembler inserts the
// stack check and frame pointer, so every level is a 32-byte frame (16 + BP + return
// address) and 19 instructions.
//   func sum(n int) int { if n > 0 { return n + sum(n-1) }; return 0 }
TEXT main·sum(SB), $16-16
	NO_LOCAL_POINTERS
	MOVQ	n+0(FP), AX
	CMPQ	AX, $0
	JLE	zero			// sum(0) = 0
	DECQ	AX
	MOVQ	AX, 0(SP)		// arg: n-1
	CALL	main·sum(SB)
	MOVQ	8(SP), AX		// AX = sum(n-1)
	ADDQ	n+0(FP), AX
	MOVQ	AX, result+8(FP)
	RET
zero:
	MOVQ	$0, result+8(FP)
	RET
