// SB-relative operands: sym(SB) and sym+off(SB) as load/store/compare operands (RIP-relative),
// $sym(SB) addresses (becoming LEAQ), with file-static and data symbols.
#include "textflag.h"

DATA ·counter+0(SB)/8, $0
GLOBL ·counter(SB), NOPTR, $16

DATA pair<>+0(SB)/8, $1
DATA pair<>+8(SB)/8, $2
GLOBL pair<>(SB), RODATA, $16

TEXT ·symOps(SB), NOSPLIT, $0-0
	MOVQ ·counter(SB), AX
	MOVQ AX, ·counter+8(SB)
	INCQ ·counter(SB)
	MOVL pair<>+8(SB), BX
	CMPQ AX, ·counter(SB)
	ADDQ pair<>(SB), CX
	MOVQ $·counter(SB), DX
	MOVQ $pair<>+8(SB), SI
	LEAQ ·counter(SB), DI
	MOVOU pair<>(SB), X0
	MOVB ·counter+3(SB), R8B
	RET
