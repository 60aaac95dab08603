// Symbol spellings: ·name (this package), pkg·name, file-static name<>, a package path with
// the Unicode division slash ∕ standing for /, and references to each from code.
#include "textflag.h"

TEXT ·local(SB), NOSPLIT, $0-0
	RET

TEXT main·qualified(SB), NOSPLIT, $0-0
	RET

TEXT static<>(SB), NOSPLIT, $0-0
	RET

TEXT example∕pkg·pathName(SB), NOSPLIT, $0-0
	RET

TEXT ·refs(SB), NOSPLIT, $0-0
	CALL ·local(SB)
	CALL main·qualified(SB)
	CALL static<>(SB)
	CALL example∕pkg·pathName(SB)
	CALL runtime∕internal∕atomic·Load(SB)
	LEAQ static<>(SB), AX
	MOVQ $·local(SB), BX
	RET
