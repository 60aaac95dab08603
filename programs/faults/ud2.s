// ud2: an undefined instruction. Linux sends SIGILL (ILL_ILLOPN, si_code 2), which go1.13's
// sighandler throws on directly: the signal name, PC, m and sigcode, the goroutine traced
// from the trap itself, then the registers.
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	CALL	main·bad(SB)
	RET

TEXT main·bad(SB), NOSPLIT, $0-0
	MOVQ	$0x1234, AX
	UD2
	RET
