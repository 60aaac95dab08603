TEXT ·f(SB), $0
	MOVQ $(1/0), AX
	RET
