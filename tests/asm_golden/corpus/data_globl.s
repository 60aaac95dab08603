// DATA of every width (1, 2, 4, 8) at explicit offsets, with holes left zero, and GLOBL
// sizes larger than the initialised part. Symbol sizes must match exactly.
#include "textflag.h"

DATA ·bytes+0(SB)/1, $0x01
DATA ·bytes+1(SB)/1, $0xff
DATA ·bytes+3(SB)/1, $-2
GLOBL ·bytes(SB), NOPTR, $4

DATA ·words+0(SB)/2, $0x1234
DATA ·words+2(SB)/2, $-1
GLOBL ·words(SB), NOPTR, $8

DATA ·longs+0(SB)/4, $0xdeadbeef
DATA ·longs+8(SB)/4, $7
GLOBL ·longs(SB), NOPTR, $16

DATA ·quads+0(SB)/8, $0x0102030405060708
DATA ·quads+8(SB)/8, $-1
DATA ·quads+24(SB)/8, $1
GLOBL ·quads(SB), NOPTR, $40

GLOBL ·zeroed(SB), NOPTR, $64

GLOBL ·pointerBSS(SB), $16
