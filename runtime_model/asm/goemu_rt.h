// Macros shared by the runtime model's assembly.

// THROW(msg): throw(msg) where msg is a Go string variable from runtime_messages.s
// (e.g. runtime·msgBadmcall). Needs 16 bytes of outgoing argument space at 0(SP); clobbers AX.
#define THROW(msg) \
	MOVQ	msg+0(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	msg+8(SB), AX; \
	MOVQ	AX, 8(SP); \
	CALL	runtime·throw(SB)

// PRINTSTR(msg): printstring(msg), same conventions as THROW.
#define PRINTSTR(msg) \
	MOVQ	msg+0(SB), AX; \
	MOVQ	AX, 0(SP); \
	MOVQ	msg+8(SB), AX; \
	MOVQ	AX, 8(SP); \
	CALL	runtime·printstring(SB)
