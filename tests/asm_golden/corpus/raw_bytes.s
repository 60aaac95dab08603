// Raw bytes in code: BYTE, WORD, LONG and QUAD (little-endian, immediates and expressions),
// for example a hand-encoded instruction Go lacks a mnemonic for.
#include "textflag.h"

TEXT ·raw(SB), NOSPLIT, $0-0
	BYTE $0x90
	BYTE $0x0f; BYTE $0x0b
	WORD $0x050f
	LONG $0x12345678
	QUAD $0x1122334455667788
	BYTE $(1<<7)
	WORD $-2
	LONG $('a'|'b'<<8)
	RET
