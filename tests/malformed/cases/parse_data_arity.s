DATA ·x+0(SB)/8
GLOBL ·x(SB), $8
