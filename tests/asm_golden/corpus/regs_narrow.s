// Every 8-bit register name Go 1.19 can encode (SPB parses, but no amd64 instruction accepts it),
// the REX-only BPB/SIB/DIB, R8B-R15B, the legacy high bytes, and the 16/32-bit views that
// the mnemonic suffix selects.
#include "textflag.h"

TEXT ·bytes(SB), NOSPLIT, $0-0
	MOVB AL, CL
	MOVB DL, BL
	MOVB BPB, AL
	MOVB SIB, AL
	MOVB DIB, AL
	MOVB R8B, R9B
	MOVB R10B, R11B
	MOVB R12B, R13B
	MOVB R14B, R15B
	MOVB AH, AL
	MOVB CH, BH
	MOVB DH, CL
	MOVB AL, BH
	RET

TEXT ·words(SB), NOSPLIT, $0-0
	MOVW AX, CX
	MOVW SP, DX
	MOVW R15, BX
	MOVL SP, AX
	MOVL BP, R8
	MOVL R15, DI
	ADDW R8, R9
	ADDL R14, R13
	RET
