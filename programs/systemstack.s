// systemstack: seed 002's two paths through runtime·systemstack.
//
//   func main() {
//       report("main")                        // on goroutine 1's stack
//       systemstack(onG0)                     // switch: g -> g0 and back
//       report("back on g")
//   }
//   func onG0() {                             // runs on g0
//       report("switch")
//       systemstack(again)                    // already on g0: noswitch, a tail call
//   }
//   func again() { report("noswitch") }
//
// report prints the current g's goid, whether it is the m's g0, and whether SP lies inside
// that g's stack bounds. onG0 also checks what the switch path planted above its return
// address: the fake return PC runtime·mstart that ends tracebacks of g0.
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

#define PRINTS(sym, len) \
	MOVQ	$sym(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$len, 8(SP); \
	CALL	runtime·printstring(SB)

// func main()
TEXT main·main(SB), $16-0
	PRINTS(mainText<>, 4)
	CALL	main·report(SB)
	MOVQ	$main·onG0·f(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	PRINTS(backText<>, 9)
	CALL	main·report(SB)
	RET

// func onG0(), entered by systemstack's switch path with g = g0.
TEXT main·onG0(SB), $16-0
	PRINTS(switchText<>, 6)
	CALL	main·report(SB)
	// Above our return address (into systemstack) sits the fake caller PC runtime·mstart.
	PRINTS(mstartText<>, 31)
	LEAQ	callersp+0(FP), BX	// BX = our caller's SP
	MOVQ	$runtime·mstart(SB), AX
	CMPQ	AX, 0(BX)
	SETEQ	0(SP)
	CALL	runtime·printbool(SB)
	CALL	runtime·printnl(SB)
	MOVQ	$main·again·f(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	RET

// func again(), reached by systemstack's noswitch tail call: it returns straight to onG0.
TEXT main·again(SB), $16-0
	PRINTS(noswitchText<>, 8)
	CALL	main·report(SB)
	PRINTS(returnsText<>, 21)
	LEAQ	callersp+0(FP), BX
	MOVQ	-8(BX), AX		// AX = our return address
	MOVQ	$main·onG0(SB), CX
	SUBQ	CX, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printhex(SB)
	CALL	runtime·printnl(SB)
	RET

// report(): prints ": g <goid>, g0 <bool>, SP in g.stack <bool>" and a newline.
// Frame: 0..15 print arguments, 16 g.
TEXT main·report(SB), $24-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	AX, 16(SP)		// g
	PRINTS(goidText<>, 4)
	MOVQ	16(SP), AX
	MOVQ	g_goid(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	PRINTS(g0Text<>, 5)
	MOVQ	16(SP), AX
	MOVQ	g_m(AX), BX
	CMPQ	AX, m_g0(BX)
	SETEQ	0(SP)
	CALL	runtime·printbool(SB)
	PRINTS(inStackText<>, 17)
	MOVQ	16(SP), AX
	MOVB	$0, 0(SP)
	CMPQ	SP, (g_stack+stack_lo)(AX)
	JCS	out
	CMPQ	SP, (g_stack+stack_hi)(AX)
	JCC	out
	MOVB	$1, 0(SP)
out:
	CALL	runtime·printbool(SB)
	CALL	runtime·printnl(SB)
	RET

DATA	main·onG0·f+0(SB)/8, $main·onG0(SB)
GLOBL	main·onG0·f(SB), RODATA, $8
DATA	main·again·f+0(SB)/8, $main·again(SB)
GLOBL	main·again·f(SB), RODATA, $8

DATA	mainText<>+0(SB)/4, $"main"
GLOBL	mainText<>(SB), RODATA, $4
DATA	backText<>+0(SB)/8, $"back on "
DATA	backText<>+8(SB)/1, $"g"
GLOBL	backText<>(SB), RODATA, $9
DATA	switchText<>+0(SB)/6, $"switch"
GLOBL	switchText<>(SB), RODATA, $6
DATA	noswitchText<>+0(SB)/8, $"noswitch"
GLOBL	noswitchText<>(SB), RODATA, $8
DATA	mstartText<>+0(SB)/8, $"fake cal"
DATA	mstartText<>+8(SB)/8, $"ler is r"
DATA	mstartText<>+16(SB)/8, $"untime.m"
DATA	mstartText<>+24(SB)/7, $"start: "
GLOBL	mstartText<>(SB), RODATA, $31
DATA	returnsText<>+0(SB)/8, $"returns "
DATA	returnsText<>+8(SB)/8, $"to main."
DATA	returnsText<>+16(SB)/5, $"onG0+"
GLOBL	returnsText<>(SB), RODATA, $21
DATA	goidText<>+0(SB)/4, $": g "
GLOBL	goidText<>(SB), RODATA, $4
DATA	g0Text<>+0(SB)/5, $", g0 "
GLOBL	g0Text<>(SB), RODATA, $5
DATA	inStackText<>+0(SB)/8, $", SP in "
DATA	inStackText<>+8(SB)/8, $"g.stack:"
DATA	inStackText<>+16(SB)/1, $" "
GLOBL	inStackText<>(SB), RODATA, $17
