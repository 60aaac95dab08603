// printnl: seed 004's two versions of one function, to compare what the assembler inserts.
// With NOSPLIT it only allocates the frame and saves BP (`goemu asm -S programs/printnl.s`
// lists 29 bytes, as the seed's `go tool asm -S` listing does); without NOSPLIT it also gets
// the stack check `MOVQ (TLS), CX; CMPQ SP, 16(CX); JLS` and the call to
// runtime·morestack_noctxt at the end. Both behave the same: print a newline.
#include "textflag.h"

#define PRINTS(sym, len) \
	MOVQ	$sym(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	$len, 8(SP); \
	CALL	runtime·printstring(SB)

TEXT ·printnl_nosplit(SB), NOSPLIT, $8
	CALL	runtime·printnl(SB)
	RET

TEXT ·printnl(SB), $8
	CALL	runtime·printnl(SB)
	RET

// func main(): prints "nosplit" and "split", each ended by one of the two functions.
TEXT main·main(SB), $16-0
	PRINTS(nosplitText<>, 7)
	CALL	·printnl_nosplit(SB)
	PRINTS(splitText<>, 5)
	CALL	·printnl(SB)
	RET

DATA	nosplitText<>+0(SB)/7, $"nosplit"
GLOBL	nosplitText<>(SB), RODATA, $7
DATA	splitText<>+0(SB)/5, $"split"
GLOBL	splitText<>(SB), RODATA, $5
