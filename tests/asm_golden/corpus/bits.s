// Bit tests (BT/BTS/BTR/BTC by register and by imm8, on registers and memory), bit scans
// (BSF/BSR), and byte swaps (BSWAPQ/BSWAPL on low and extended registers).
#include "textflag.h"

TEXT ·bits(SB), NOSPLIT, $0-0
	BTQ $3, AX
	BTQ CX, BX
	BTQ $63, (SI)
	BTL $5, DX
	BTL R8, R9
	BTW $1, CX
	BTSQ $7, AX
	BTSQ DX, (DI)
	BTSL $0, R10
	BTRQ $40, R11
	BTRQ CX, AX
	BTRL $2, 4(SP)
	BTCQ $1, BX
	BTCQ SI, DI
	BTCW $3, AX
	BSFQ AX, BX
	BSFQ (SI), R8
	BSFL CX, DX
	BSFW DI, SI
	BSRQ AX, BX
	BSRQ 8(SP), R15
	BSRL R12, R13
	BSWAPQ AX
	BSWAPQ R9
	BSWAPL BX
	BSWAPL R14
	RET
