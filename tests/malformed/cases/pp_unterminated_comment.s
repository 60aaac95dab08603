TEXT ·f(SB), $0
	RET
/* never closed

