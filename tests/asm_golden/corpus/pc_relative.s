// n(PC) branches: targets counted in instructions relative to the branch itself, forward,
// backward and zero, for JMP and Jcc.
#include "textflag.h"

TEXT ·pcRelative(SB), NOSPLIT, $0-0
	CMPQ AX, BX
	JEQ 3(PC)
	INCQ AX
	JMP -2(PC)
	DECQ AX
	JNE 2(PC)
	JMP 0(PC)
	JLS -6(PC)
	RET
