#include "nope.h"
TEXT ·f(SB), $0
	RET
