#include "textflag.h"
#include "1.h"
#define TWICE(x) ADDQ x, AX; ADDQ x, AX
TEXT ·f(SB), NOSPLIT, $16-24
	MOVQ a+0(FP), AX
	TWICE($ONE)
	MOVQ AX, ret+16(FP)
	RET
----
#ifndef ONE
#define ONE 1
#include "2.h"
#endif
----
#include "1.h"
#define TWO (ONE+ONE)
