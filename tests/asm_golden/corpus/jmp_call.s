// JMP and CALL: direct to a symbol (relocated), to a label, through a register and through
// memory (including SB-relative and indexed), and tail JMPs to other functions.
#include "textflag.h"

TEXT ·target(SB), NOSPLIT, $0-0
	RET

TEXT ·jmpCall(SB), NOSPLIT, $0-0
	CALL ·target(SB)
	CALL runtime·memmove(SB)
	CALL AX
	CALL R11
	CALL (DX)
	CALL 8(BX)
	CALL ·fnTable(SB)
	CALL (AX)(CX*8)
	JMP done
	NOP
done:
	JMP AX
	JMP R9
	JMP (SI)
	JMP 16(DI)(R8*8)
	JMP ·target(SB)
	RET

TEXT ·tail(SB), NOSPLIT, $0-0
	JMP ·target(SB)
