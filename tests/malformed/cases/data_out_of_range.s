DATA ·x+8(SB)/8, $1
GLOBL ·x(SB), $8
