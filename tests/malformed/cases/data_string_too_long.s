DATA ·s+0(SB)/2, $"abc"
GLOBL ·s(SB), $8
