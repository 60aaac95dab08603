TEXT ·f(SB), $0
	MOVQ $12ab, AX
	RET
