#include "emulator/bind.h"

namespace goemu::emu {

Handler BindBit(const InsnView&, DecodedInsn&) { return nullptr; }

}  // namespace goemu::emu
