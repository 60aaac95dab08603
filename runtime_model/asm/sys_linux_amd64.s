// The real Linux system calls the runtime model makes: each is one SYSCALL with the kernel's
// register convention (AX = number, DI, SI, DX = arguments, AX = result or -errno).
#include "go_asm.h"
#include "textflag.h"

// settls(DI = &m.tls[0]): sets the FS base to &m.tls[1] with arch_prctl(ARCH_SET_FS), so
// the g slot at FS:-8 is m.tls[0] (the ELF local-exec TLS variable sits just below the
// thread pointer). A failure crashes on purpose by storing to address 0xf1.
TEXT runtime·settls(SB),NOSPLIT,$32
	ADDQ	$8, DI			// DI = &m.tls[1], the new FS base
	MOVQ	DI, SI			// SI = addr argument
	MOVQ	$const_ARCH_SET_FS, DI	// DI = code argument
	MOVQ	$const_SYS_arch_prctl, AX
	SYSCALL
	CMPQ	AX, $const_goemuSyscallErrMin
	JLS	ok
	MOVL	$0xf1, 0xf1		// crash
ok:
	RET

// func write(fd uintptr, p unsafe.Pointer, n int32) int32
// Returns the byte count, or -1 on any error.
TEXT runtime·write(SB),NOSPLIT,$0-28
	MOVQ	fd+0(FP), DI		// DI = fd
	MOVQ	p+8(FP), SI		// SI = buffer
	MOVL	n+16(FP), DX		// DX = length
	MOVL	$const_SYS_write, AX
	SYSCALL
	CMPQ	AX, $const_goemuSyscallErrMin
	JLS	done
	MOVL	$-1, AX
done:
	MOVL	AX, ret+24(FP)
	RET

// func exit(code int32)
// Ends the whole process (every thread) with the given status.
TEXT runtime·exit(SB),NOSPLIT,$0-4
	MOVL	code+0(FP), DI		// DI = status
	MOVL	$const_SYS_exit_group, AX
	SYSCALL
	RET

// func gettid() uint32
TEXT runtime·gettid(SB),NOSPLIT,$0-4
	MOVL	$const_SYS_gettid, AX
	SYSCALL
	MOVL	AX, ret+0(FP)
	RET
