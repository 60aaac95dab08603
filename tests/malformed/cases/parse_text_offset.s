TEXT ·f+8(SB), $0
	RET
