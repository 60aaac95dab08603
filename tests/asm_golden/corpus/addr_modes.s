// ModRM/SIB corner cases: SP and R12 bases need a SIB byte, BP and R13 bases need a
// displacement, disp8 versus disp32 boundaries, every scale, index without base.
#include "textflag.h"

TEXT ·addrModes(SB), NOSPLIT, $0-0
	MOVQ (SP), AX
	MOVQ (R12), AX
	MOVQ (BP), AX
	MOVQ (R13), AX
	MOVQ 127(AX), BX
	MOVQ 128(AX), BX
	MOVQ -128(AX), BX
	MOVQ -129(AX), BX
	MOVQ 0x7fffffff(CX), DX
	MOVQ (AX)(CX*1), DX
	MOVQ (AX)(CX*2), DX
	MOVQ (AX)(CX*4), DX
	MOVQ (AX)(CX*8), DX
	MOVQ (BP)(SI*1), DX
	MOVQ (R13)(R14*1), DX
	MOVQ (SP)(R12*1), DX
	MOVQ 8(R15)(R8*8), R9
	MOVQ 0x200(DI)(DI*4), R10
	MOVQ (SI*8), R11
	MOVQ -8(R9*2), R11
	MOVQ R11, 16(SP)(AX*8)
	RET
