TEXT ·f(SB), $0
	MOVQ (SB), AX
	RET
