// Every SETcc name Go has (SETCC..SETPS), into low, REX-only and extended byte registers and memory.
#include "textflag.h"

TEXT ·setcc(SB), NOSPLIT, $0-0
	SETCC AL
	SETCS BL
	SETEQ CL
	SETGE DL
	SETGT SIB
	SETHI DIB
	SETLE R8B
	SETLS R15B
	SETLT AH
	SETMI BH
	SETNE CH
	SETOC DH
	SETOS 12(SP)
	SETPC 13(SP)
	SETPL 14(SP)
	SETPS 15(SP)
	SETEQ (AX)
	SETNE R12B
	RET
