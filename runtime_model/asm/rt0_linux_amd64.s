// Process entry on linux/amd64: the two trampolines between the ELF entry point and rt0_go.
#include "textflag.h"

// _rt0_amd64_linux is where the kernel starts the process: 0(SP) = argc, 8(SP) = argv[0],
// then the rest of argv, envp and auxv. No frame, nothing saved.
TEXT _rt0_amd64_linux(SB),NOSPLIT,$-8
	JMP	_rt0_amd64(SB)

// _rt0_amd64 passes argc and argv to rt0_go in registers.
TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// DI = argc
	LEAQ	8(SP), SI	// SI = argv
	JMP	runtime·rt0_go(SB)
