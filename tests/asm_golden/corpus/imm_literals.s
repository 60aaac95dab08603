// Immediate literal spellings: decimal, hex (upper and lower case), octal, character
// constants with escapes, and negative forms of each.
#include "textflag.h"

TEXT ·immLiterals(SB), NOSPLIT, $0-0
	MOVQ $255, AX
	MOVQ $0xff, AX
	MOVQ $0XFF, AX
	MOVQ $0377, AX
	MOVQ $-0x10, AX
	MOVQ $-010, AX
	MOVQ $'A', AX
	MOVQ $'\n', AX
	MOVQ $'\'', AX
	MOVQ $'\\', AX
	MOVQ $'\x7f', AX
	MOVQ $-'a', AX
	CMPB AL, $'z'
	MOVQ $0, AX
	MOVQ $00, AX
	RET
