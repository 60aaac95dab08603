DATA ·s+0(SB)/4, $"a\q"
GLOBL ·s(SB), $4
