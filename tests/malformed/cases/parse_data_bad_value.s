DATA ·x+0(SB)/8, AX
GLOBL ·x(SB), $8
