// Every conditional-jump name and alias Go accepts, to a near label: the 2-byte rel8 forms.
#include "textflag.h"

TEXT ·jccShort(SB), NOSPLIT, $0-0
top:
	JCC top
	JCS top
	JEQ top
	JGE top
	JGT top
	JHI top
	JLE top
	JLS top
	JLT top
	JMI top
	JNE top
	JOC top
	JOS top
	JPC top
	JPL top
	JPS top
	JA top
	JAE top
	JB top
	JBE top
	JC top
	JE top
	JG top
	JHS top
	JL top
	JLO top
	JNA top
	JNAE top
	JNB top
	JNBE top
	JNC top
	JNG top
	JNGE top
	JNL top
	JNLE top
	JNO top
	JNP top
	JNS top
	JNZ top
	JO top
	JP top
	JPE top
	JPO top
	JS top
	JZ top
	RET
