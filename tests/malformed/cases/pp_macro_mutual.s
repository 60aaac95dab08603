#define PING PONG
#define PONG PING
TEXT ·f(SB), $0
	PING
	RET
