// 8-bit ALU: ADD/ADC/SUB/SBB/AND/OR/XOR/CMP as reg-reg, reg-mem, mem-reg and imm8 into a
// register and into memory; the AL lines take the accumulator short form (04 ib and kin).
#include "textflag.h"

TEXT ·addB(SB), NOSPLIT, $0-0
	ADDB BL, AL
	ADDB AL, R9B
	ADDB 8(SI), BL
	ADDB BL, 8(SI)
	ADDB $7, BL
	ADDB $7, R9B
	ADDB $0x7f, BL
	ADDB $0x7f, AL
	ADDB $7, (DI)
	ADDB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·adcB(SB), NOSPLIT, $0-0
	ADCB BL, AL
	ADCB AL, R9B
	ADCB 8(SI), BL
	ADCB BL, 8(SI)
	ADCB $7, BL
	ADCB $7, R9B
	ADCB $0x7f, BL
	ADCB $0x7f, AL
	ADCB $7, (DI)
	ADCB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·subB(SB), NOSPLIT, $0-0
	SUBB BL, AL
	SUBB AL, R9B
	SUBB 8(SI), BL
	SUBB BL, 8(SI)
	SUBB $7, BL
	SUBB $7, R9B
	SUBB $0x7f, BL
	SUBB $0x7f, AL
	SUBB $7, (DI)
	SUBB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·sbbB(SB), NOSPLIT, $0-0
	SBBB BL, AL
	SBBB AL, R9B
	SBBB 8(SI), BL
	SBBB BL, 8(SI)
	SBBB $7, BL
	SBBB $7, R9B
	SBBB $0x7f, BL
	SBBB $0x7f, AL
	SBBB $7, (DI)
	SBBB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·andB(SB), NOSPLIT, $0-0
	ANDB BL, AL
	ANDB AL, R9B
	ANDB 8(SI), BL
	ANDB BL, 8(SI)
	ANDB $7, BL
	ANDB $7, R9B
	ANDB $0x7f, BL
	ANDB $0x7f, AL
	ANDB $7, (DI)
	ANDB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·orB(SB), NOSPLIT, $0-0
	ORB BL, AL
	ORB AL, R9B
	ORB 8(SI), BL
	ORB BL, 8(SI)
	ORB $7, BL
	ORB $7, R9B
	ORB $0x7f, BL
	ORB $0x7f, AL
	ORB $7, (DI)
	ORB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·xorB(SB), NOSPLIT, $0-0
	XORB BL, AL
	XORB AL, R9B
	XORB 8(SI), BL
	XORB BL, 8(SI)
	XORB $7, BL
	XORB $7, R9B
	XORB $0x7f, BL
	XORB $0x7f, AL
	XORB $7, (DI)
	XORB $0x7f, -4(DI)(CX*4)
	RET

TEXT ·cmpB(SB), NOSPLIT, $0-0
	CMPB BL, AL
	CMPB AL, R9B
	CMPB 8(SI), BL
	CMPB BL, 8(SI)
	CMPB BL, $7
	CMPB R9B, $7
	CMPB BL, $0x7f
	CMPB AL, $0x7f
	CMPB (DI), $7
	CMPB -4(DI)(CX*4), $0x7f
	RET

