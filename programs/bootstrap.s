// bootstrap: the whole boot of seed 003 for the smallest program there is.
//
//   package main
//   func main() { println("hello, world") }
//
// From _rt0_amd64_linux the runtime builds g0 and m0, points FS at m0.tls with arch_prctl,
// makes runtime.main goroutine 1, and the scheduler switches to it with gogo; runtime.main
// calls main.main and exits 0. `goemu run --trace-calls programs/bootstrap.s` lists the path.
#include "textflag.h"

DATA	hello<>+0(SB)/8, $"hello, w"
DATA	hello<>+8(SB)/4, $"orld"
GLOBL	hello<>(SB), RODATA, $12

// func main()
TEXT main·main(SB), $16-0
	CALL	runtime·printlock(SB)
	MOVQ	$hello<>(SB), AX
	MOVQ	AX, 0(SP)		// s.ptr
	MOVQ	$12, 8(SP)		// s.len
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET
