TEXT ·f(SB), $0
	MOVQ $'ab', AX
	RET
