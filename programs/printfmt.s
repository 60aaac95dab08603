// printfmt: the print functions go1.13's compiler calls for print/println, at their edges.
//
//   println(-42, math.MinInt64, 0)             // printint: '-' then the magnitude, even for MinInt64
//   println(uint64(1<<64-1), uint(7))          // printuint
//   println(hex(0xdeadbeef), hex(0), hex(1<<64-1))  // printhex: "0x", no padding, "0x0" for zero
//   println(true, false)                       // printbool
//   println(unsafe.Pointer(uintptr(0x1000)), unsafe.Pointer(nil))  // printpointer prints as hex
//   println("", "x")                           // an empty string prints nothing, then printsp
//   print("a", "b"); println()                 // print adds no spaces; println() is printnl
//
// Expected, by go1.13's print.go:
//   -42 -9223372036854775808 0
//   18446744073709551615 7
//   0xdeadbeef 0x0 0xffffffffffffffff
//   true false
//   0x1000 0x0
//    x
//   ab
#include "textflag.h"

#define ONE(fn, v) MOVQ v, AX; MOVQ AX, 0(SP); CALL fn(SB)
#define STR(sym, n) MOVQ $sym(SB), AX; MOVQ AX, 0(SP); MOVQ $n, 8(SP); CALL runtime·printstring(SB)
#define SP_ CALL runtime·printsp(SB)
#define NL CALL runtime·printnl(SB)

// func main()
TEXT main·main(SB), $16-0
	CALL	runtime·printlock(SB)
	ONE(runtime·printint, $-42); SP_
	MOVQ	$0x8000000000000000, BX
	ONE(runtime·printint, BX); SP_
	ONE(runtime·printint, $0); NL
	ONE(runtime·printuint, $-1); SP_
	ONE(runtime·printuint, $7); NL
	ONE(runtime·printhex, $0xdeadbeef); SP_
	ONE(runtime·printhex, $0); SP_
	ONE(runtime·printhex, $-1); NL
	MOVB	$1, 0(SP)
	CALL	runtime·printbool(SB); SP_
	MOVB	$0, 0(SP)
	CALL	runtime·printbool(SB); NL
	ONE(runtime·printpointer, $0x1000); SP_
	ONE(runtime·printpointer, $0); NL
	STR(empty<>, 0); SP_
	STR(letters<>, 1); NL
	STR(letters<>+1, 1)
	STR(letters<>+2, 1)
	NL
	CALL	runtime·printunlock(SB)
	RET

GLOBL	empty<>(SB), RODATA, $8
DATA	letters<>+0(SB)/3, $"xab"
GLOBL	letters<>(SB), RODATA, $3
