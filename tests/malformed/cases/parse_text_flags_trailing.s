TEXT ·f(SB), 4 5, $0
	RET
