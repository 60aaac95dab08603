// PUSHQ/POPQ of registers, immediates (imm8 and imm32) and memory; PUSHFQ/POPFQ; the
// 16-bit PUSHW/POPW. Inside a NOSPLIT $0 function so no prologue is involved.
#include "textflag.h"

TEXT ·stackOps(SB), NOSPLIT, $0-0
	PUSHQ AX
	PUSHQ R8
	PUSHQ BP
	PUSHQ $1
	PUSHQ $-1
	PUSHQ $0x1000
	PUSHQ 8(SP)
	PUSHQ ·stackOps(SB)
	PUSHFQ
	POPFQ
	POPQ R15
	POPQ BX
	POPQ 16(DI)
	POPQ AX
	PUSHW CX
	POPW CX
	POPQ AX
	POPQ AX
	POPQ AX
	POPQ DX
	RET
