// wild_write: a store to an unmapped address far from 0 (0xdead0000). go1.13's sigpanic does
// not call that a nil dereference: it prints "unexpected fault address" and throws "fault".
// A throw shows every frame of the goroutine, runtime ones included, with fp/sp/pc, and the
// [signal ...] line comes after "fatal error:".
//
//   func main() { poke(0xdead0000) }
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $8-0
	MOVQ	$0xdead0000, AX
	MOVQ	AX, 0(SP)
	CALL	main·poke(SB)
	RET

// func poke(addr uintptr)
TEXT main·poke(SB), NOSPLIT, $0-8
	MOVQ	addr+0(FP), AX
	MOVQ	$1, 0(AX)
	RET
