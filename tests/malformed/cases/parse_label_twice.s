TEXT ·f(SB), $0
a:
	NOP
a:
	RET
