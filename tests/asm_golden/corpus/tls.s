// Thread-local g access through go_tls.h: get_tls(r) (MOVQ TLS, r, which assembles to
// nothing) and g(r) (0(r)(TLS*1)), plus the direct (TLS) and off(reg)(TLS*1) spellings.
#include "textflag.h"
#include "go_tls.h"

TEXT ·getg(SB), NOSPLIT, $0-8
	get_tls(CX)
	MOVQ g(CX), AX
	MOVQ AX, ret+0(FP)
	RET

TEXT ·setg(SB), NOSPLIT, $0-8
	MOVQ gg+0(FP), BX
	get_tls(R8)
	MOVQ BX, g(R8)
	RET

TEXT ·direct(SB), NOSPLIT, $0-0
	MOVQ (TLS), AX
	MOVQ (TLS), R13
	MOVQ AX, (TLS)
	MOVQ 0(DX)(TLS*1), SI
	MOVQ DI, 0(R9)(TLS*1)
	RET
