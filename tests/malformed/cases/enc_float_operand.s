TEXT ·f(SB), $0
	ADDQ $1.5, AX
	RET
