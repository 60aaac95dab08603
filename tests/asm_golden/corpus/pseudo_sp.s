// Pseudo-SP (name-off(SP): relative to the top of the frame, just below the saved BP) versus
// the hardware SP (bare off(SP)), in frames of 0, 16 and 200 bytes.
#include "textflag.h"

TEXT ·pseudoSP16(SB), NOSPLIT, $16-0
	MOVQ AX, x-8(SP)
	MOVQ BX, y-16(SP)
	MOVQ 0(SP), CX
	MOVQ 8(SP), DX
	LEAQ y-16(SP), SI
	RET

TEXT ·pseudoSP200(SB), NOSPLIT, $200-0
	MOVQ AX, x-8(SP)
	MOVQ BX, z-200(SP)
	MOVQ 192(SP), CX
	MOVL $7, w-100(SP)
	RET

TEXT ·pseudoSP0(SB), NOSPLIT, $0-0
	MOVQ 8(SP), AX
	MOVQ (SP), BX
	RET
