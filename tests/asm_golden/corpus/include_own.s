// #include of a header from the corpus folder (quoted name resolved with -I), included
// twice to exercise its include guard, and its constants and macros used as operands.
#include "textflag.h"
#include "corpus_defs.h"
#include "corpus_defs.h"

TEXT ·useHeader(SB), NOSPLIT, $32-0
	MOVQ $kTableBytes, AX
	MOVQ g_stackguard0(R14), BX
	ADD_TWO(AX, BX, CX)
	MOVQ CX, (kSlots-1)*kSlotSize(SP)
	RET
