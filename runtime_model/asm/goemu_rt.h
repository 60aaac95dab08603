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

// WRITEERR(msg): write(2, msg.str, int32(msg.len)), the raw write Go uses where printing
// itself may be broken. Needs 32 bytes of outgoing argument space; clobbers AX.
#define WRITEERR(msg) \
	MOVQ	$2, 0(SP); \
	MOVQ	msg+0(SB), AX; \
	MOVQ	AX, 8(SP); \
	MOVQ	msg+8(SB), AX; \
	MOVL	AX, 16(SP); \
	CALL	runtime·write(SB)
