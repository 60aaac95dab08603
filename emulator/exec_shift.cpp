#include "emulator/bind.h"

namespace goemu::emu {

Handler BindShift(const InsnView&, DecodedInsn&) { return nullptr; }

}  // namespace goemu::emu
