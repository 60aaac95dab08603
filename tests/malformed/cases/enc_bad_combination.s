TEXT ·f(SB), $0
	MOVQ AX, $1
	RET
