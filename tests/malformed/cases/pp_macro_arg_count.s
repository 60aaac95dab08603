#define M(a, b) MOVQ a, b
TEXT ·f(SB), $0
	M(AX)
	RET
