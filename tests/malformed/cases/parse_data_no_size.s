DATA ·x+0(SB), $1
GLOBL ·x(SB), $8
