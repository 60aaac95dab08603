// method: seed 004's MyInt.Twice. A method with a value receiver is a function whose first
// argument is the receiver, named main.MyInt.Twice (`·MyInt·Twice` in assembly); it has the
// same frame as the plain function MyInt_Twice.
//
//   type MyInt int
//   func (v MyInt) Twice() int { return int(v) * 2 }
//   func MyInt_Twice(v MyInt) int { return int(v) * 2 }
//   func main() { println(MyInt(21).Twice(), MyInt_Twice(21)) }
#include "textflag.h"

// func (v MyInt) Twice() int
TEXT main·MyInt·Twice(SB), NOSPLIT, $0-16
	MOVQ	a+0(FP), AX		// v
	ADDQ	AX, AX			// AX *= 2
	MOVQ	AX, ret+8(FP)		// return v
	RET

// func MyInt_Twice(v MyInt) int
TEXT main·MyInt_Twice(SB), NOSPLIT, $0-16
	MOVQ	v+0(FP), AX
	ADDQ	AX, AX
	MOVQ	AX, ret+8(FP)
	RET

// func main()
// Frame: 0..15 call arguments, 16 the method's result.
TEXT main·main(SB), $24-0
	MOVQ	$21, 0(SP)		// the receiver
	CALL	main·MyInt·Twice(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	$21, 0(SP)
	CALL	main·MyInt_Twice(SB)
	CALL	runtime·printlock(SB)
	MOVQ	8(SP), BX		// MyInt_Twice(21)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	BX, 16(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printsp(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·printunlock(SB)
	RET
