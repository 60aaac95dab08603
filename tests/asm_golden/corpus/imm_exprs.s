// Immediate and offset expressions: + - * / % << >> & | ^ ~ and unary minus, with
// parentheses and precedence, in $imm and in displacements (frame sizes must be literals).
#include "textflag.h"

TEXT ·immExprs(SB), NOSPLIT, $24-16
	MOVQ $(1+2*3), AX
	MOVQ $((1+2)*3), AX
	MOVQ $(100/7), AX
	MOVQ $(100%7), AX
	MOVQ $(1<<40), AX
	MOVQ $(0x8000>>3), AX
	MOVQ $(0xff&0x0f), AX
	MOVQ $(0xf0|0x0f), AX
	MOVQ $(0xff^0x0f), AX
	MOVQ $~0, AX
	MOVQ $~0xff, AX
	MOVQ $-(4+4), AX
	MOVQ $(1<<31-1), AX
	MOVQ (2*8)(SP), BX
	MOVQ a+(4*2)(FP), CX
	MOVQ -(8+8)(BP), DX
	ANDQ $~7, SI
	RET
