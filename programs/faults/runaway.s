// runaway: a goroutine that never stops. goemu runs at most --max-steps instructions (10^10
// by default; lowered here) and then says where the guest was, with the goroutine's frames
// at that instruction, and exits with status 4 (go1.13 would simply run forever).
//
//   func main() { spin(3) }
//   func spin(n int) { for { n++ } }
//
// Run flags: --max-steps 100000
// Exit status: 4
#include "textflag.h"

TEXT main·main(SB), $8-0
	MOVQ	$3, 0(SP)
	CALL	main·spin(SB)
	RET

TEXT main·spin(SB), NOSPLIT, $0-8
loop:
	INCQ	n+0(FP)
	JMP	loop
