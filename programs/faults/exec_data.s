// exec_data: a call into a DATA symbol. Data pages are not executable, so the fetch faults
// with SEGV_ACCERR (code 0x2) at the data's address; far from 0, that is go1.13's
// "unexpected fault address" and a throw. The target is not code but the return address is,
// so preparePanic does not push a frame and the caller is named at its return address.
//
// Exit status: 2
#include "textflag.h"

DATA	main·table+0(SB)/8, $0x90909090c3c3c3c3
GLOBL	main·table(SB), NOPTR, $8

TEXT main·main(SB), $0-0
	CALL	main·jump(SB)
	RET

TEXT main·jump(SB), $0-0
	MOVQ	$main·table(SB), AX
	CALL	AX
	RET
