TEXT ·f(SB), 4, $0
	CALL runtime·missing(SB)
	RET
