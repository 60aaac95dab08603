// Labels: forward and backward references, two labels on one instruction, a label on the
// same line as its instruction, label scopes per TEXT (the same name in two functions).
#include "textflag.h"

TEXT ·labelsA(SB), NOSPLIT, $0-0
	MOVQ $10, CX
loop:
	DECQ CX
	JNE loop
	JMP out
first:
second:
	INCQ AX
out: RET

TEXT ·labelsB(SB), NOSPLIT, $0-0
loop:
	INCQ BX
	CMPQ BX, $5
	JLT loop
	JMP second
second:
	RET
