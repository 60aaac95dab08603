// gosave: gosave and gogo used the way setjmp and longjmp are. gosave(&buf) records its
// caller's SP (&buf), its return address and BP; gogo(&buf), called from frames further
// down, drops them all, restores SP and BP and jumps back to just after the gosave call, with
// AX = buf.ret = 0. gogo clears buf.sp/ret/ctxt/bp after reading them, so each jump needs a
// fresh gosave. Both ways out of gosave return 0, so a flag tells them apart.
//
//   var buf gobuf; var n int; var jumped bool
//   func main() {
//       x := 0x600d
//   loop:
//       gosave(&buf)
//       if !jumped { dive(5) }    // never returns: dive(0) gogo's back to just above
//       jumped = false
//       n++
//       println("after gosave", n, hex(x))
//       if n < 3 { goto loop }
//       println("done")
//   }
//   func dive(d int) { if d == 0 { jumped = true; gogo(&buf) }; dive(d - 1) }
#include "textflag.h"
#include "go_asm.h"

GLOBL	main·buf(SB), NOPTR, $gobuf__size
GLOBL	main·n(SB), NOPTR, $8
GLOBL	main·jumped(SB), NOPTR, $1

// func main()
// Frame: 0..15 outgoing arguments, 16 a local that must survive the jumps.
TEXT main·main(SB), $24-0
	MOVQ	$0x600d, 16(SP)
again:
	MOVQ	$main·buf(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gosave(SB)
	CMPB	main·jumped(SB), $0
	JNE	resumed
	MOVQ	$5, 0(SP)
	CALL	main·dive(SB)
resumed:
	MOVB	$0, main·jumped(SB)
	INCQ	main·n(SB)
	CALL	runtime·printlock(SB)
	MOVQ	$afterText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$12, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printsp(SB)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	CMPQ	main·n(SB), $3
	JLT	again

	CALL	runtime·printlock(SB)
	MOVQ	$doneText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func dive(d int)
TEXT main·dive(SB), $8-8
	MOVQ	d+0(FP), AX
	TESTQ	AX, AX
	JNE	deeper
	MOVB	$1, main·jumped(SB)
	MOVQ	$main·buf(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)
deeper:
	DECQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·dive(SB)
	RET

DATA	afterText<>+0(SB)/8, $"after go"
DATA	afterText<>+8(SB)/4, $"save"
GLOBL	afterText<>(SB), RODATA, $12
DATA	doneText<>+0(SB)/4, $"done"
GLOBL	doneText<>(SB), RODATA, $4
