TEXT ·f(SB), $0
l:
	MOVQ l, AX
	RET
