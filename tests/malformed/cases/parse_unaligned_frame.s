TEXT ·f(SB), $12
	RET
