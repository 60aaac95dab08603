#include "textflag.h"
DATA ·msg+0(SB)/8, $"hello, w"
DATA ·msg+8(SB)/4, $0x0a646c72
GLOBL ·msg(SB), RODATA, $12
DATA ·ptr+0(SB)/8, $·msg(SB)
GLOBL ·ptr(SB), NOPTR, $8
TEXT ·main(SB), $24-0
	LEAQ ·msg(SB), AX
	MOVQ AX, 0(SP)
	CALL ·g(SB)
loop:
	DECQ CX
	JNE loop
	MOVQ (TLS), BX
	MOVQ 16(BX)(CX*8), DX
	RET
TEXT ·g(SB), NOSPLIT|NOFRAME, $0-8
	MOVSD $1.5, X0
	CMPQ SP, 16(R14)
	JLS 2(PC)
	RET
	RET
