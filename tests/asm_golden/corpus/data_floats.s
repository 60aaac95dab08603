// Floating-point DATA: float64 and float32 constants (Go encodes them IEEE-754 by width),
// negative, exponent and integral spellings.
#include "textflag.h"

DATA ·f64+0(SB)/8, $3.141592653589793
DATA ·f64+8(SB)/8, $-0.5
DATA ·f64+16(SB)/8, $1e10
DATA ·f64+24(SB)/8, $(2.0)
GLOBL ·f64(SB), RODATA, $32

DATA ·f32+0(SB)/4, $1.5
DATA ·f32+4(SB)/4, $-2.25
GLOBL ·f32(SB), RODATA, $8
