// throw_goroutine: runtime·throw from a goroutine while two others wait. A throw dumps every
// goroutine (go1.13's gotraceback: all when the m is throwing): the thrower with fp/sp/pc,
// then the others in creation order from where they were parked, each with "created by"
// except main.
//
//   func main()      { go idle(); go boom(3); for { runtime.Gosched() } }
//   func idle()      { for { runtime.Gosched() } }
//   func boom(n int) { throw("boom") }
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $24-0
	MOVL	$0, 0(SP)
	MOVQ	$main·idle·f(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·newproc(SB)
	MOVL	$8, 0(SP)
	MOVQ	$main·boom·f(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$3, 16(SP)
	CALL	runtime·newproc(SB)
spin:
	CALL	runtime·Gosched(SB)
	JMP	spin

TEXT main·idle(SB), $0-0
loop:
	CALL	runtime·Gosched(SB)
	JMP	loop

TEXT main·boom(SB), $16-8
	MOVQ	$boomText<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·throw(SB)
	RET

DATA	main·idle·f+0(SB)/8, $main·idle(SB)
GLOBL	main·idle·f(SB), RODATA, $8
DATA	main·boom·f+0(SB)/8, $main·boom(SB)
GLOBL	main·boom·f(SB), RODATA, $8
DATA	boomText<>+0(SB)/4, $"boom"
GLOBL	boomText<>(SB), RODATA, $4
