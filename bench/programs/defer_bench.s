// defer_bench: a function with three defers called over and over (deferprocStack records in
// its frame; deferreturn and jmpdefer run them), for bench/run's go_programs.
// Prints "defer_bench N total": N calls, total = 0+1+...+(N-1) + 3N from the deferred adds.
//
//   var total int
//   func add(n int) { total += n }
//   func work(i int) { defer add(i); defer add(1); defer add(2) }
//   func main() { n := benchCount(400000); for i := 0; i < n; i++ { work(i) }; println("defer_bench", n, total) }
//
// Stack records, not deferproc's heap ones: go1.13 compiles a defer that runs once per frame
// that way, and the model's heap records are never freed, so a million of them would be a
// memory benchmark. About 251 instructions per call, 100 million by default.
#include "textflag.h"
#include "funcdata.h"
#include "go_asm.h"

GLOBL	main·total(SB), NOPTR, $8

// func add(n int)
TEXT main·add(SB), NOSPLIT, $0-8
	MOVQ	n+0(FP), AX
	ADDQ	AX, main·total(SB)
	RET

// DEFER(record, arg): `defer add(arg)` with its _defer record at record(SP), the argument
// right after the 48-byte record; deferprocStack links it at the head of g._defer.
#define DEFER(record, arg) \
	MOVL	$8, (record+_defer_siz)(SP); \
	LEAQ	main·add·f(SB), AX; \
	MOVQ	AX, (record+_defer_fn)(SP); \
	MOVQ	arg, AX; \
	MOVQ	AX, (record+_defer__size)(SP); \
	LEAQ	record(SP), AX; \
	MOVQ	AX, 0(SP); \
	CALL	runtime·deferprocStack(SB); \
	TESTL	AX, AX; \
	JNE	recovered

// func work(i int)
// Frame: 0..15 outgoing arguments (deferreturn copies add's argument to 0(SP)), then three
// records of 48 bytes + the argument at 16, 72 and 128.
TEXT main·work(SB), $184-8
	NO_LOCAL_POINTERS
	DEFER(16, i+0(FP))
	DEFER(72, $1)
	DEFER(128, $2)
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET
recovered:
	XCHGL	AX, AX
	CALL	runtime·deferreturn(SB)
	RET

// func main()
// Frame: 0..31 outgoing arguments, 32 i, 40 the count.
TEXT main·main(SB), $48-0
	MOVQ	$400000, 0(SP)
	CALL	main·benchCount(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 40(SP)
	MOVQ	$0, 32(SP)
again:
	MOVQ	32(SP), AX
	CMPQ	AX, 40(SP)
	JGE	report
	MOVQ	AX, 0(SP)
	CALL	main·work(SB)
	INCQ	32(SP)
	JMP	again
report:
	MOVQ	$name<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$11, 8(SP)
	MOVQ	40(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	main·total(SB), AX
	MOVQ	AX, 24(SP)
	CALL	main·printResult(SB)
	RET

DATA	main·add·f+0(SB)/8, $main·add(SB)
GLOBL	main·add·f(SB), RODATA, $8
DATA	name<>+0(SB)/8, $"defer_be"
DATA	name<>+8(SB)/3, $"nch"
GLOBL	name<>(SB), RODATA, $11
