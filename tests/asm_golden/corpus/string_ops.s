// String instructions in each width with REP and REPN prefixes (written on their own line
// the way Go code does it), plus CLD/STD around them.
#include "textflag.h"

TEXT ·stringOps(SB), NOSPLIT, $0-0
	CLD
	MOVSB
	MOVSW
	MOVSL
	MOVSQ
	REP
	MOVSB
	REP
	MOVSQ
	STOSB
	STOSQ
	REP
	STOSQ
	REP
	STOSL
	LODSB
	LODSQ
	CMPSB
	CMPSQ
	REP
	CMPSB
	REPN
	CMPSB
	SCASB
	SCASQ
	REPN
	SCASB
	REP
	SCASL
	STD
	REP
	MOVSB
	CLD
	RET
