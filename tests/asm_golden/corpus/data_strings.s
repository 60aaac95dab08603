// String DATA: up to 8 bytes per directive, escapes (\n, \t, \x, \000, \\ and \"),
// strings split across directives, and a table of file-static strings.
#include "textflag.h"

DATA ·hello+0(SB)/8, $"hello, w"
DATA ·hello+8(SB)/5, $"orld\n"
GLOBL ·hello(SB), RODATA, $13

DATA ·escapes+0(SB)/8, $"a\tb\x41\000\\\""
GLOBL ·escapes(SB), RODATA, $8

DATA ·short+0(SB)/3, $"abc"
DATA ·short+3(SB)/1, $"\n"
GLOBL ·short(SB), RODATA|NOPTR, $4

DATA msg<>+0(SB)/8, $"static s"
DATA msg<>+8(SB)/4, $"trng"
GLOBL msg<>(SB), RODATA, $16
