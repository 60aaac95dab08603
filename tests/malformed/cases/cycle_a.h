// includes cycle_b.h, which includes this file again
#include "cycle_b.h"
