#include "emulator/bind.h"

namespace goemu::emu {

Handler BindMulDiv(const InsnView&, DecodedInsn&) { return nullptr; }

}  // namespace goemu::emu
