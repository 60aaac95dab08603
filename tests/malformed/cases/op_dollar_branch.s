TEXT ·f(SB), $0
	MOVQ $2(PC), AX
	RET
