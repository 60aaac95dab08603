TEXT ·f(SB), $0
	MOVQ x+8(AX), BX
	RET
