#define M(a) MOVQ a, AX
TEXT ·f(SB), $0
	M($1
	RET
