TEXT ·f(SB), $0
	MOVQ $(1+2 3), AX
	RET
