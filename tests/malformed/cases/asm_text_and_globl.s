TEXT ·f(SB), $0
	RET
GLOBL ·f(SB), $8
