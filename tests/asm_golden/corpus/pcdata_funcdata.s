// PCDATA/FUNCDATA (with funcdata.h's names and macros GO_ARGS, GO_RESULTS_INITIALIZED,
// NO_LOCAL_POINTERS) and NOP: none of them occupies bytes.
#include "textflag.h"
#include "funcdata.h"

TEXT ·meta(SB), $16-16
	NO_LOCAL_POINTERS
	GO_ARGS
	MOVQ x+0(FP), AX
	PCDATA $PCDATA_UnsafePoint, $-2
	MOVQ AX, 0(SP)
	PCDATA $PCDATA_UnsafePoint, $-1
	NOP
	CALL ·meta(SB)
	GO_RESULTS_INITIALIZED
	MOVQ AX, ret+8(FP)
	NOP
	RET

TEXT ·unknownArgs(SB), NOSPLIT, $0-0
	FUNCDATA $FUNCDATA_ArgsPointerMaps, ·unknownArgs_args_stackmap(SB)
	NOP
	RET
