TEXT ·f(SB), $8-x
	RET
