DATA ·p+0(SB)/8, $8(AX)
GLOBL ·p(SB), $8
