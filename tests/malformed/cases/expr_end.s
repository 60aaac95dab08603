#define E 1+
TEXT ·f(SB), $0
	MOVQ $E, AX
	RET
