#include "emulator/bind.h"

namespace goemu::emu {

Handler BindSse(const InsnView&, DecodedInsn&) { return nullptr; }

}  // namespace goemu::emu
