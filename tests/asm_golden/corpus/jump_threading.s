// Go's assembler threads jumps: a branch whose target is an unconditional JMP is retargeted
// to that JMP's final destination, which can change the branch size. goemu must agree.
#include "textflag.h"

TEXT ·threading(SB), NOSPLIT, $0-0
	CMPQ AX, BX
	JEQ hop1
	JNE hop2
	INCQ AX
hop1:
	JMP hop2
hop2:
	JMP out
	INCQ BX
out:
	RET
