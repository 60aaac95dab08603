#define M(a NOP
