GLOBL ·x(SB), $8
DATA ·x+0x7ffffffffffffff8(SB)/8, $1
