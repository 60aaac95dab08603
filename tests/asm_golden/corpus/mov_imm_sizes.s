// How the width of an immediate picks the MOV encoding: zero, imm32 zero-extended,
// imm32 sign-extended, and the full 64-bit form.
#include "textflag.h"

TEXT ·immSizes(SB), NOSPLIT, $0-0
	MOVQ $0, R8
	MOVQ $127, AX
	MOVQ $128, AX
	MOVQ $-128, AX
	MOVQ $-129, AX
	MOVQ $0xffffffff, AX
	MOVQ $0x100000000, AX
	MOVQ $-0x80000000, AX
	MOVQ $-0x80000001, AX
	MOVQ $0x7fffffffffffffff, R15
	MOVQ $-0x8000000000000000, R15
	MOVL $0, AX
	MOVL $-1, R8
	MOVW $-1, AX
	MOVB $-1, AX
	RET
