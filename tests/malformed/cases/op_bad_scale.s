TEXT ·f(SB), $0
	MOVQ (AX)(BX*3), CX
	RET
