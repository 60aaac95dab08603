TEXT ·f(SB), $0
	MOVQ $(1+), AX
	RET
