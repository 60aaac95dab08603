TEXT ·f(SB), $0
	JMP $1
	RET
