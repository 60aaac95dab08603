// Accumulator sign extensions under their Go names: CBW, CWDE, CDQE (in-register) and
// CWD, CDQ, CQO (into DX), as used before IDIV.
#include "textflag.h"

TEXT ·signExt(SB), NOSPLIT, $0-0
	CBW
	CWDE
	CDQE
	CWD
	CDQ
	CQO
	IDIVQ CX
	RET
