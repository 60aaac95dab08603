// GLOBL flags: none (data/bss with pointers), NOPTR (noptrdata/noptrbss), RODATA, DUPOK,
// their combinations, and TLSBSS for a thread-local slot.
#include "textflag.h"

DATA ·plain+0(SB)/8, $1
GLOBL ·plain(SB), $8

DATA ·noptr+0(SB)/8, $2
GLOBL ·noptr(SB), NOPTR, $8

DATA ·ro+0(SB)/8, $3
GLOBL ·ro(SB), RODATA, $8

DATA ·dup+0(SB)/8, $4
GLOBL ·dup(SB), DUPOK|RODATA, $8

DATA ·numeric+0(SB)/8, $5
GLOBL ·numeric(SB), 24, $8

GLOBL ·bss(SB), $24
GLOBL ·noptrbss(SB), NOPTR, $24

GLOBL ·tlsSlot(SB), TLSBSS, $8
