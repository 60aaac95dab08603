DATA ·x+0(SB)/3, $1
GLOBL ·x(SB), $8
