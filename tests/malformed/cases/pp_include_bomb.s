#include "bomb.h"
