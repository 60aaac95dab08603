#include "bomb.h"
#include "bomb.h"
#include "bomb.h"
