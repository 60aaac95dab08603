TEXT ·f(SB), $0
	RET
TEXT ·f(SB), $0
	RET
