// System and ordering instructions: CPUID, SYSCALL, RDTSC, RDTSCP, the fences, PAUSE, INT,
// HLT, UD2 (an error in a runtime path), XGETBV and the flag-bit instructions.
#include "textflag.h"

TEXT ·system(SB), NOSPLIT, $0-0
	CPUID
	SYSCALL
	RDTSC
	RDTSCP
	MFENCE
	LFENCE
	SFENCE
	PAUSE
	INT $3
	INT $0x80
	HLT
	UD2
	XGETBV
	CLD
	STD
	CLC
	STC
	CMC
	NOP
	RET
