// nil_func: calling a nil func value. The CALL lands on address 0: Linux reports SIGSEGV at
// pc 0, addr 0. go1.13's preparePanic does not push pc 0 as a return address (it would hide
// the caller), so the frame under sigpanic is the caller, shown at its return address.
//
//   var f func()
//   func main() { f() }
//
// Exit status: 2
#include "textflag.h"

GLOBL	main·f(SB), NOPTR, $8

TEXT main·main(SB), $0-0
	MOVQ	main·f(SB), DX		// DX = the func value (nil)
	MOVQ	DX, AX
	CALL	AX			// go1.13 loads 0(DX) first; a raw nil target shows pc=0
	RET
