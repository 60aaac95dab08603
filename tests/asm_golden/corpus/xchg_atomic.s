// XCHG in all widths (including the XCHG with AX short form), and the LOCK-prefixed
// read-modify-write instructions the runtime's atomics use: XADD, CMPXCHG, ORB/ANDB, INC.
#include "textflag.h"

TEXT ·xchg(SB), NOSPLIT, $0-0
	XCHGQ AX, BX
	XCHGQ BX, AX
	XCHGQ R8, R9
	XCHGQ CX, (DI)
	XCHGL AX, DX
	XCHGL SI, 4(SP)
	XCHGW AX, CX
	XCHGB AL, (BX)
	RET

TEXT ·locked(SB), NOSPLIT, $0-0
	LOCK
	XADDQ AX, (BX)
	LOCK
	XADDL CX, 8(DI)
	LOCK
	CMPXCHGQ CX, (BX)
	LOCK
	CMPXCHGL R8, (R9)
	LOCK
	CMPXCHGW DX, (SI)
	LOCK
	CMPXCHGB CL, (AX)
	LOCK
	CMPXCHG16B (DI)
	LOCK
	CMPXCHG8B (DI)
	LOCK
	ORB AL, (BX)
	LOCK
	ANDL $0xff, (BX)
	LOCK
	INCQ (AX)
	XADDQ AX, BX
	CMPXCHGQ DX, R10
	RET
