// LEAQ and LEAL with every addressing shape, including SB-relative addresses.
#include "textflag.h"

TEXT ·lea(SB), NOSPLIT, $0-0
	LEAQ (AX), BX
	LEAQ 8(AX), BX
	LEAQ -8(BX), SP
	LEAQ 0x1000(SI), DI
	LEAQ (AX)(BX*1), CX
	LEAQ (AX)(BX*2), CX
	LEAQ 16(AX)(BX*4), CX
	LEAQ -1(R8)(R9*8), R10
	LEAQ (BX*8), DX
	LEAQ 1(CX*4), DX
	LEAQ 24(SP), BP
	LEAL (AX)(AX*2), AX
	LEAL 5(R12), R13
	LEAQ ·lea(SB), AX
	LEAQ ·lea+16(SB), R11
	RET
