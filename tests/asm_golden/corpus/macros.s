// #define without and with arguments, multi-line bodies joined with \, ; separating
// instructions inside a macro, redefinition after #undef, and macros expanding to operands.
#include "textflag.h"

#define FRAME $24-8
#define ARG x+0(FP)
#define SCRATCH R11
#define ZERO(r) XORL r, r
#define LOAD2(base, off, dst1, dst2) \
	MOVQ off(base), dst1; \
	MOVQ off+8(base), dst2
#define SWAP(a, b) \
	XCHGQ a, b

TEXT ·macros(SB), NOSPLIT, FRAME
	MOVQ ARG, SCRATCH
	ZERO(AX)
	ZERO(R9)
	LOAD2(SCRATCH, 16, BX, CX)
	SWAP(BX, CX)
#undef SCRATCH
#define SCRATCH R12
	MOVQ ARG, SCRATCH
#undef ZERO
#define ZERO(r) MOVQ $0, r
	ZERO(DX)
	RET
