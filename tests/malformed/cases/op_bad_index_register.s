TEXT ·f(SB), $0
	MOVQ (AX)(SP*1), CX
	RET
