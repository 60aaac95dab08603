#define M(1) NOP
