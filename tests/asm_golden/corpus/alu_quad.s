// 64-bit ALU: ADD/ADC/SUB/SBB/AND/OR/XOR/CMP as reg-reg, reg-mem, mem-reg, imm8 and imm32
// into a register and into memory, and the accumulator short form with a wide immediate.
// CMP takes its immediate second (CMPQ BX, $3): Go keeps the Intel operand order for CMP.
#include "textflag.h"

TEXT ·addQ(SB), NOSPLIT, $0-0
	ADDQ BX, AX
	ADDQ AX, R9
	ADDQ 8(SI), BX
	ADDQ BX, 8(SI)
	ADDQ $3, BX
	ADDQ $3, R9
	ADDQ $0x12345, BX
	ADDQ $0x12345, AX
	ADDQ $3, (DI)
	ADDQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·adcQ(SB), NOSPLIT, $0-0
	ADCQ BX, AX
	ADCQ AX, R9
	ADCQ 8(SI), BX
	ADCQ BX, 8(SI)
	ADCQ $3, BX
	ADCQ $3, R9
	ADCQ $0x12345, BX
	ADCQ $0x12345, AX
	ADCQ $3, (DI)
	ADCQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·subQ(SB), NOSPLIT, $0-0
	SUBQ BX, AX
	SUBQ AX, R9
	SUBQ 8(SI), BX
	SUBQ BX, 8(SI)
	SUBQ $3, BX
	SUBQ $3, R9
	SUBQ $0x12345, BX
	SUBQ $0x12345, AX
	SUBQ $3, (DI)
	SUBQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·sbbQ(SB), NOSPLIT, $0-0
	SBBQ BX, AX
	SBBQ AX, R9
	SBBQ 8(SI), BX
	SBBQ BX, 8(SI)
	SBBQ $3, BX
	SBBQ $3, R9
	SBBQ $0x12345, BX
	SBBQ $0x12345, AX
	SBBQ $3, (DI)
	SBBQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·andQ(SB), NOSPLIT, $0-0
	ANDQ BX, AX
	ANDQ AX, R9
	ANDQ 8(SI), BX
	ANDQ BX, 8(SI)
	ANDQ $3, BX
	ANDQ $3, R9
	ANDQ $0x12345, BX
	ANDQ $0x12345, AX
	ANDQ $3, (DI)
	ANDQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·orQ(SB), NOSPLIT, $0-0
	ORQ BX, AX
	ORQ AX, R9
	ORQ 8(SI), BX
	ORQ BX, 8(SI)
	ORQ $3, BX
	ORQ $3, R9
	ORQ $0x12345, BX
	ORQ $0x12345, AX
	ORQ $3, (DI)
	ORQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·xorQ(SB), NOSPLIT, $0-0
	XORQ BX, AX
	XORQ AX, R9
	XORQ 8(SI), BX
	XORQ BX, 8(SI)
	XORQ $3, BX
	XORQ $3, R9
	XORQ $0x12345, BX
	XORQ $0x12345, AX
	XORQ $3, (DI)
	XORQ $0x12345, -4(DI)(CX*4)
	RET

TEXT ·cmpQ(SB), NOSPLIT, $0-0
	CMPQ BX, AX
	CMPQ AX, R9
	CMPQ 8(SI), BX
	CMPQ BX, 8(SI)
	CMPQ BX, $3
	CMPQ R9, $3
	CMPQ BX, $0x12345
	CMPQ AX, $0x12345
	CMPQ (DI), $3
	CMPQ -4(DI)(CX*4), $0x12345
	RET

