// syscalls: the guest's Linux boundary. write(1, ...) reaches the real stdout, write(2, ...)
// stderr; a system call goemu does not implement (getpid, 39) answers -ENOSYS (-38) to the
// guest, which carries on; gettid is the fixed thread id 1.
#include "textflag.h"

// func main()
TEXT main·main(SB), $32-0
	MOVQ	$1, 0(SP)		// write(1, "to stdout\n", 10)
	MOVQ	$stdoutText<>(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$10, 16(SP)
	CALL	runtime·write(SB)
	MOVQ	$39, AX			// getpid: not implemented
	SYSCALL
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	CALL	runtime·gettid(SB)
	MOVL	0(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA	stdoutText<>+0(SB)/8, $"to stdou"
DATA	stdoutText<>+8(SB)/2, $"t\n"
GLOBL	stdoutText<>(SB), RODATA, $10
