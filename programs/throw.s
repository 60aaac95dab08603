// throw: a fatal error as go1.13 reports it. runtime·throw prints "fatal error: <s>" on g0,
// then fatalthrow hands the goroutine to goemu's traceback (Go's format: the goroutine
// header, then each frame's function and the file:line of its call, innermost first, down to
// runtime.goexit) and exits with status 2.
//
//   func main() { check(7) }
//   func check(n int) { if n != 42 { throw("check: n is not 42") } }
//
// Exit status: 2
#include "textflag.h"

// func main()
TEXT main·main(SB), $8-0
	MOVQ	$7, 0(SP)
	CALL	main·check(SB)
	RET

// func check(n int)
TEXT main·check(SB), $16-8
	CMPQ	n+0(FP), $42
	JEQ	ok
	MOVQ	$checkText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$18, 8(SP)
	CALL	runtime·throw(SB)
ok:
	RET

DATA	checkText<>+0(SB)/8, $"check: n"
DATA	checkText<>+8(SB)/8, $" is not "
DATA	checkText<>+16(SB)/2, $"42"
GLOBL	checkText<>(SB), RODATA, $18
