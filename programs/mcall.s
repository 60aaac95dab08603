// mcall: seed 002's mcall to g0 and gogo back.
//
//   func main() {
//       println("main on g", getg().goid)
//       mcall(park)                          // g 1 parks in g.sched, g0 runs park(g1)
//       println("main resumed on g", getg().goid)
//   }
//   func park(gp *g) {                       // on g0's stack, must not return
//       println("park on g", getg().goid, "parked g", gp.goid)
//       gogo(&gp.sched)                      // mcall "returns" in main
//   }
#include "go_asm.h"
#include "go_tls.h"
#include "textflag.h"

#define PRINTS(sym, len) \
	MOVQ	$sym(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$len, 8(SP); \
	CALL	runtime·printstring(SB)

// PRINTGOID: printint(getg().goid)
#define PRINTGOID \
	get_tls(CX); \
	MOVQ	g(CX), AX; \
	MOVQ	g_goid(AX), AX; \
	MOVQ	AX, 0(SP); \
	CALL	runtime·printint(SB)

// func main()
TEXT main·main(SB), $16-0
	PRINTS(mainText<>, 10)
	PRINTGOID
	CALL	runtime·printnl(SB)
	MOVQ	$main·park·f(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	PRINTS(resumedText<>, 18)
	PRINTGOID
	CALL	runtime·printnl(SB)
	RET

// func park(gp *g), called by mcall on g0 at the top of g0's stack.
TEXT main·park(SB), $16-8
	PRINTS(parkText<>, 10)
	PRINTGOID
	PRINTS(parkedText<>, 11)
	MOVQ	gp+0(FP), AX
	MOVQ	g_goid(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVQ	gp+0(FP), AX
	LEAQ	g_sched(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)	// never returns
	RET

DATA	main·park·f+0(SB)/8, $main·park(SB)
GLOBL	main·park·f(SB), RODATA, $8

DATA	mainText<>+0(SB)/8, $"main on "
DATA	mainText<>+8(SB)/2, $"g "
GLOBL	mainText<>(SB), RODATA, $10
DATA	resumedText<>+0(SB)/8, $"main res"
DATA	resumedText<>+8(SB)/8, $"umed on "
DATA	resumedText<>+16(SB)/2, $"g "
GLOBL	resumedText<>(SB), RODATA, $18
DATA	parkText<>+0(SB)/8, $"park on "
DATA	parkText<>+8(SB)/2, $"g "
GLOBL	parkText<>(SB), RODATA, $10
DATA	parkedText<>+0(SB)/8, $", parked"
DATA	parkedText<>+8(SB)/3, $" g "
GLOBL	parkedText<>(SB), RODATA, $11
