// #ifdef/#ifndef/#else/#endif, nested, on the predefined GOOS_linux/GOARCH_amd64/GOAMD64_v1
// and on macros of the file's own: only the taken branches produce code.
#include "textflag.h"

#define FEATURE

TEXT ·conditionals(SB), NOSPLIT, $0-0
#ifdef GOARCH_amd64
	MOVQ $1, AX
#else
	MOVQ $2, AX
#endif
#ifndef GOOS_linux
	MOVQ $3, BX
#else
	MOVQ $4, BX
#ifdef GOAMD64_v1
	MOVQ $5, CX
#endif
#ifdef GOAMD64_v3
	MOVQ $6, CX
#endif
#endif
#ifdef FEATURE
	INCQ DX
#endif
#undef FEATURE
#ifdef FEATURE
	DECQ DX
#else
	NEGQ DX
#endif
	RET
