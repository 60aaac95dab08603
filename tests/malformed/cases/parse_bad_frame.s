TEXT ·f(SB), $abc
	RET
