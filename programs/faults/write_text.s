// write_text: a store into the program's own code. The text segment is mapped read+execute,
// so Linux sends SIGSEGV with SEGV_ACCERR (code 0x2) and the address written; it is far from
// 0, so go1.13 throws "fault".
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	CALL	main·patch(SB)
	RET

// func patch(): overwrite the first byte of main.main with INT3.
TEXT main·patch(SB), NOSPLIT, $0-0
	MOVQ	$main·main(SB), AX
	MOVB	$0xcc, 0(AX)
	RET
