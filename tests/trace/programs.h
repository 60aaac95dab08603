// Hand-written Go-asm programs (no runtime) that exercise the unwinder and the event
// engine: plain calls, a jmpdefer-style return-address rewrite, and a systemstack-style
// switch to a second stack with a fake mstart return address.
#pragma once
#include <string_view>

namespace goemu::trace::testing {

// main -> mid -> leaf, with a PUSHQ/POPQ pair in mid.
inline constexpr std::string_view kCallsProgram = R"(#include "textflag.h"
TEXT main·leaf(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	RET
TEXT main·mid(SB), NOSPLIT, $24-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL main·leaf(SB)
	PUSHQ AX
	POPQ AX
	RET
TEXT main·main(SB), NOSPLIT, $16-0
	MOVQ $7, 0(SP)
	CALL main·mid(SB)
	MOVQ $1, AX
	RET
)";

// The defer protocol of go1.13 in miniature: deferreturn hands a "deferred" function to
// jmpdefer while count > 0; jmpdefer drops deferreturn's frame, moves main's return
// address back onto `CALL deferreturn` and jumps, so main calls deferreturn again.
inline constexpr std::string_view kDeferProgram = R"(#include "textflag.h"
GLOBL main·count(SB), NOPTR, $8
TEXT main·deferred(SB), NOSPLIT, $8-0
	DECQ main·count(SB)
	RET
TEXT main·jmpdefer(SB), NOSPLIT, $0-16
	MOVQ fv+0(FP), DX
	MOVQ argp+8(FP), BX
	LEAQ -8(BX), SP
	MOVQ -8(SP), BP
	SUBQ $5, (SP)
	JMP DX
TEXT main·deferreturn(SB), NOSPLIT, $24-8
	CMPQ main·count(SB), $0
	JEQ done
	LEAQ main·deferred(SB), AX
	MOVQ AX, 0(SP)
	LEAQ arg0+0(FP), AX
	MOVQ AX, 8(SP)
	CALL main·jmpdefer(SB)
done:
	RET
TEXT main·main(SB), NOSPLIT, $16-0
	MOVQ $3, main·count(SB)
	CALL main·deferreturn(SB)
	MOVQ $1, AX
	RET
)";

// systemstack in miniature, with fake g records: save SP, make g1 current (TLS slot),
// move to the alternate stack (its top is in main·altsp), plant runtime.mstart as a fake
// return address, call fn there, then make g0 current and come back. main does it twice.
inline constexpr std::string_view kSwitchProgram = R"(#include "textflag.h"
#include "go_tls.h"
GLOBL main·altsp(SB), NOPTR, $8
GLOBL main·savedsp(SB), NOPTR, $8
GLOBL main·g0(SB), NOPTR, $400
GLOBL main·g1(SB), NOPTR, $400
GLOBL main·m0(SB), NOPTR, $240
GLOBL main·tls(SB), NOPTR, $64
TEXT runtime·mstart(SB), NOSPLIT, $0-0
	RET
TEXT main·fn(SB), NOSPLIT, $8-0
	MOVQ $5, 0(SP)
	RET
TEXT main·switcher(SB), NOSPLIT, $0-0
	MOVQ SP, main·savedsp(SB)
	LEAQ main·g1(SB), AX
	get_tls(CX)
	MOVQ AX, g(CX)
	MOVQ main·altsp(SB), BX
	SUBQ $8, BX
	LEAQ runtime·mstart(SB), AX
	MOVQ AX, 0(BX)
	MOVQ BX, SP
	CALL main·fn(SB)
	LEAQ main·g0(SB), AX
	get_tls(CX)
	MOVQ AX, g(CX)
	MOVQ main·savedsp(SB), SP
	RET
TEXT main·main(SB), NOSPLIT, $8-0
	CALL main·switcher(SB)
	CALL main·switcher(SB)
	MOVQ $1, AX
	RET
)";

}  // namespace goemu::trace::testing
