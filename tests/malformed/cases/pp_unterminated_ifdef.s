#ifdef GOOS_linux
TEXT ·f(SB), $0
	RET
