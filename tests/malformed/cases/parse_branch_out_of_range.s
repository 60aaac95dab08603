TEXT ·f(SB), $0
	JMP 5(PC)
	RET
