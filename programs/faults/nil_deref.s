// nil_deref: a load through a nil pointer. Linux delivers SIGSEGV (SEGV_MAPERR, address 0);
// go1.13's sigpanic sees an address below 0x1000 and panics with the runtime error Go gives
// every nil dereference. The frame that faulted is shown at the faulting instruction's own
// line (not the line before, as for a return address); runtime frames stay hidden.
//
//   func main() { println(load(nil)) }
//   func load(p *int) int { return *p }
//
// Exit status: 2
#include "textflag.h"

// func main()
TEXT main·main(SB), $16-0
	MOVQ	$0, 0(SP)
	CALL	main·load(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET

// func load(p *int) int
TEXT main·load(SB), NOSPLIT, $0-16
	MOVQ	p+0(FP), AX
	MOVQ	0(AX), AX
	MOVQ	AX, ret+8(FP)
	RET
