// closure: seed 004's hand-built closure. A closure object is {F, X}: F the code, X the
// captured variable. The caller puts the object's address in DX (the closure context) and
// calls through F; the NEEDCTXT body reads and writes X at 8(DX).
//
//   func NewTwiceFunClosure(x int) func() int {
//       return func() int { x *= 2; return x }
//   }
//   func main() {
//       fnTwice := NewTwiceFunClosure(1)
//       println(fnTwice()) // 2
//       println(fnTwice()) // 4
//       println(fnTwice()) // 8
//   }
//
// NewTwiceFunClosure is what the seed's Go version compiles to, with the object on the heap
// (runtime·mallocgc), its F from asmFunTwiceClosureAddr and the func value from ptrToFunc.
#include "textflag.h"

// func NewTwiceFunClosure(x int) func() int
// Frame: 0..31 mallocgc's arguments and result, 32 p.
TEXT main·NewTwiceFunClosure(SB), $40-16
	MOVQ	$16, 0(SP)		// size of FunTwiceClosure{F uintptr; X int}
	MOVQ	$0, 8(SP)		// typ
	MOVB	$1, 16(SP)		// needzero
	CALL	runtime·mallocgc(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, 32(SP)		// p
	CALL	main·asmFunTwiceClosureAddr(SB)
	MOVQ	0(SP), AX
	MOVQ	32(SP), BX
	MOVQ	AX, 0(BX)		// p.F
	MOVQ	x+0(FP), AX
	MOVQ	AX, 8(BX)		// p.X = x
	MOVQ	BX, 0(SP)
	CALL	main·ptrToFunc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ret+8(FP)
	RET

// func ptrToFunc(p unsafe.Pointer) func() int
TEXT main·ptrToFunc(SB), NOSPLIT, $0-16
	MOVQ	ptr+0(FP), AX		// AX = ptr
	MOVQ	AX, ret+8(FP)		// return AX
	RET

// func asmFunTwiceClosureAddr() uintptr
TEXT main·asmFunTwiceClosureAddr(SB), NOSPLIT, $0-8
	LEAQ	main·asmFunTwiceClosureBody(SB), AX	// AX = ·asmFunTwiceClosureBody(SB)
	MOVQ	AX, ret+0(FP)		// return AX
	RET

// func asmFunTwiceClosureBody() int, with the closure object in DX.
TEXT main·asmFunTwiceClosureBody(SB), NOSPLIT|NEEDCTXT, $0-8
	MOVQ	8(DX), AX
	ADDQ	AX, AX			// AX *= 2
	MOVQ	AX, 8(DX)		// ctx.X = AX
	MOVQ	AX, ret+0(FP)		// return AX
	RET

// callPrint(fn): println(fn()).
TEXT main·callPrint(SB), $8-8
	MOVQ	fn+0(FP), DX		// DX = the closure object
	MOVQ	0(DX), AX		// AX = its code
	CALL	AX
	CALL	runtime·printlock(SB)
	CALL	runtime·printint(SB)	// the result is already at 0(SP)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET

// func main()
// Frame: 0..15 call arguments, 16 fnTwice.
TEXT main·main(SB), $24-0
	MOVQ	$1, 0(SP)
	CALL	main·NewTwiceFunClosure(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 16(SP)		// fnTwice
	MOVQ	AX, 0(SP)
	CALL	main·callPrint(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·callPrint(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·callPrint(SB)
	RET
