// Every TEXT flag textflag.h (Go 1.19) defines, alone and combined with |, by name and as a
// number. Flags that change code (NOSPLIT, WRAPPER, NEEDCTXT, NOFRAME) have their own files.
#include "textflag.h"

TEXT ·fNoprof(SB), NOPROF, $0-0
	RET

TEXT ·fDupok(SB), DUPOK, $0-0
	RET

TEXT ·fNosplit(SB), NOSPLIT, $0-0
	RET

TEXT ·fNoptr(SB), NOPTR|NOSPLIT, $0-0
	RET

TEXT ·fReflect(SB), REFLECTMETHOD, $0-0
	RET

TEXT ·fTop(SB), TOPFRAME, $0-0
	RET

TEXT ·fAbiwrapper(SB), ABIWRAPPER|NOSPLIT, $0-0
	RET

TEXT ·fCombined(SB), DUPOK|NOSPLIT|NOFRAME, $0-8
	MOVQ x+0(FP), AX
	RET

TEXT ·fNumeric(SB), 6, $0-0
	RET

TEXT ·fNoFlags(SB), $0
	RET
