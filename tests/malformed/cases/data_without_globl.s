DATA ·y+0(SB)/8, $1
