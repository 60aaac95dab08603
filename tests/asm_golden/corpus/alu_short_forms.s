// The accumulator short forms (opcode + imm with AX/EAX/AX16/AL) against the same
// immediates on another register, and the imm8 sign-extension boundary 127/128, -128/-129.
#include "textflag.h"

TEXT ·shortForms(SB), NOSPLIT, $0-0
	ADDQ $1000, AX
	ADDQ $1000, CX
	ADDL $1000, AX
	ADDW $1000, AX
	ADDB $100, AL
	SUBQ $0x10000, AX
	ANDQ $0xfff0, AX
	ORL $0x8000, AX
	XORQ $-1000, AX
	CMPQ AX, $1000
	CMPL AX, $0x7fffffff
	TESTQ $0x100, AX
	TESTL $0x100, AX
	TESTW $0x100, AX
	TESTB $1, AL
	ADDQ $127, BX
	ADDQ $128, BX
	ADDQ $-128, BX
	ADDQ $-129, BX
	ADDQ $127, AX
	ADDQ $128, AX
	RET
