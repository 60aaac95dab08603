TEXT ·f(SB), $0
	JMP nowhere
	RET
