// halt: HLT is privileged. In user mode it raises #GP, which Linux sends as SIGSEGV with
// si_code SI_KERNEL (0x80) and no address; go1.13's sigpanic only treats codes 0, 1, 2 near 0
// as nil dereferences, so this is "unexpected fault address 0x0" and a throw.
//
// Exit status: 2
#include "textflag.h"

TEXT main·main(SB), $0-0
	HLT
	RET
