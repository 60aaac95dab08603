TEXT ·f(SB), $0
	$1
	RET
