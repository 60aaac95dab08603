// longloop: a long, steady run for scripts/trace-memory.sh. Twelve million calls of a small
// leaf function, 9 instructions per iteration: about 108 million instructions and 24 million
// frame events (a call and a return each), the same ones over and over, so the tracer's
// resident memory can be compared at 10^6, 10^7 and 10^8 instructions of one program.
//
//   func inc(x int) int { return x + 1 }
//   func main() { t := 0; for i := 12000000; i != 0; i-- { t = inc(t) }; println(t) }
#include "textflag.h"

// func inc(x int) int
TEXT main·inc(SB), NOSPLIT, $0-16
	MOVQ	x+0(FP), AX
	INCQ	AX
	MOVQ	AX, ret+8(FP)
	RET

// func main()
// Frame: 0..15 inc's argument and result, 16 the iterations left.
TEXT main·main(SB), $24-0
	MOVQ	$0, 8(SP)
	MOVQ	$12000000, 16(SP)
again:
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)		// arg: t
	CALL	main·inc(SB)		// t = inc(t), left at 8(SP)
	DECQ	16(SP)
	JNE	again
	CALL	runtime·printlock(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET
