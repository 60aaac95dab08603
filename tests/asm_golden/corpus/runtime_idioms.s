// Sequences from the runtime the seed articles walk through: jmpdefer's return-address
// rewrite, gogo's register restore and indirect jump, systemstack's SP switch, and the
// g0 stack check in a NOSPLIT|NOFRAME function.
#include "textflag.h"
#include "go_tls.h"

// func jmpdefer(fv *funcval, argp uintptr)
TEXT ·jmpdefer(SB), NOSPLIT, $0-16
	MOVQ fv+0(FP), DX           // fn
	MOVQ argp+8(FP), BX         // caller sp
	LEAQ -8(BX), SP             // caller sp after CALL
	MOVQ -8(SP), BP             // restore BP as if deferreturn returned
	SUBQ $5, (SP)               // return to CALL again
	MOVQ 0(DX), BX
	JMP BX                      // but first run the deferred function

// func gogo(buf *gobuf)
TEXT ·gogo(SB), NOSPLIT, $0-8
	MOVQ buf+0(FP), BX          // gobuf
	MOVQ 0(BX), DX
	MOVQ 0(DX), CX              // make sure g != nil
	get_tls(CX)
	MOVQ DX, g(CX)
	MOVQ DX, R14                // set the g register
	MOVQ 0(BX), SP              // restore SP
	MOVQ 24(BX), AX
	MOVQ 32(BX), DX
	MOVQ 48(BX), BP
	MOVQ $0, 0(BX)              // clear to help garbage collector
	MOVQ $0, 24(BX)
	MOVQ $0, 32(BX)
	MOVQ $0, 48(BX)
	MOVQ 8(BX), BX
	JMP BX

// func systemstack(fn func())
TEXT ·systemstack(SB), NOSPLIT, $0-8
	MOVQ fn+0(FP), DI           // DI = fn
	get_tls(CX)
	MOVQ g(CX), AX              // AX = g
	MOVQ 48(AX), BX             // BX = m
	CMPQ AX, 80(BX)             // on gsignal?
	JEQ noswitch
	MOVQ 0(BX), DX              // DX = g0
	PUSHQ BP
	MOVQ SP, BP
	MOVQ BP, 56(AX)
	POPQ BP
	MOVQ DX, g(CX)
	MOVQ 56(DX), SP
	MOVQ DI, DX
	MOVQ 0(DI), DI
	CALL DI
	RET
noswitch:
	MOVQ DI, DX
	MOVQ 0(DI), DI
	JMP DI

// func mstartStub()
TEXT ·mstartStub(SB), NOSPLIT|TOPFRAME|NOFRAME, $0
	CALL ·gogo(SB)
	INT $3
	RET
