GLOBL ·x(SB), $8
GLOBL ·x(SB), $8
