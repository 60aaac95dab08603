TEXT ·f(SB), $0
	MOVQ (AL), BX
	RET
