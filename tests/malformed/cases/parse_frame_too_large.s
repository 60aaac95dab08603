TEXT ·f(SB), $0x7ffffffffffffff8
	CALL ·f(SB)
	RET
