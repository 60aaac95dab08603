#include "textflag.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkññññññññññññññññññññññññññññññññññññññññññññññññññººººººººººººººººººººººººººººººººººººººººººººººººººººººññññññññññññññññññññññññññññññññññññññññññññññññññññññññññññññkkkkkkkkkkkkkkkkkkkkkkkkkh"
#include "1.h"
#define TWICE(x) ADDQ x, AX; ADDQ x, AX
TEXT Â·f(SB), NOSPLIT, $12-24
	MOVQ a+0(FP), AX
	TWICE($ONE)
	MOVQ AX, rkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkññññññññññññ#include "1.h"
#define TWO (ONE+ONE)
