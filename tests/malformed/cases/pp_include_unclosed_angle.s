#include <textflag.h
