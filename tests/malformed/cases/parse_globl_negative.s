GLOBL ·x(SB), $-8
