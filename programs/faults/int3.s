// int3: a breakpoint instruction. Linux sends SIGTRAP with si_code SI_KERNEL (128) and the
// PC after the one-byte INT3; go1.13's sighandler throws on SIGTRAP: "SIGTRAP: trace trap",
// the PC, the goroutine traced from the trap, the registers.
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	CALL	main·brk(SB)
	RET

TEXT main·brk(SB), NOSPLIT, $0-0
	MOVQ	$7, BX
	BYTE	$0xcc			// INT3
	RET
