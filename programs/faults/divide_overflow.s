// divide_overflow: MinInt64 / -1. The quotient does not fit, and the CPU raises the same #DE
// as for a zero divisor; Linux reports both as FPE_INTDIV, so go1.13's sigpanic calls
// panicdivide: "integer divide by zero", though nothing was divided by zero. (Compiled Go
// checks for -1 before IDIV; hand-written assembly does not.)
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	MOVQ	$0x8000000000000000, AX
	CQO
	MOVQ	$-1, CX
	IDIVQ	CX
	RET
