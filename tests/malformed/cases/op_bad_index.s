TEXT ·f(SB), $0
	MOVQ (AX)(BX), CX
	RET
