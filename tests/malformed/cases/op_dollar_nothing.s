TEXT ·f(SB), $0
	MOVQ $, AX
	RET
