// A header of the corpus's own, found through -I <corpus dir>: constants, an offset table,
// and a multi-instruction macro with arguments, the way runtime headers are used.
#ifndef CORPUS_DEFS_H
#define CORPUS_DEFS_H

#define kSlotSize 8
#define kSlots 4
#define kTableBytes (kSlotSize*kSlots)
#define g_stackguard0 16

// Adds the two arguments into dst; uses only dst.
#define ADD_TWO(a, b, dst) \
	MOVQ a, dst \
	ADDQ b, dst

#endif
