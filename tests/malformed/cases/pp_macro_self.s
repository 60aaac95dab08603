#define LOOP LOOP
TEXT ·f(SB), $0
	LOOP
	RET
