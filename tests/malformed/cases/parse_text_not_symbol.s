TEXT f, $0
	RET
