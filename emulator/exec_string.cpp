#include "emulator/bind.h"

namespace goemu::emu {

Handler BindString(const InsnView&, DecodedInsn&) { return nullptr; }

}  // namespace goemu::emu
