#include textflag.h
