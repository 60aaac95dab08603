// The read-only commands: each turns the session's current state into text. None of them
// runs the guest or changes its memory.
#pragma once
#include <cstdint>

#include "debugger/command.h"
#include "debugger/session.h"

namespace goemu::debugger {

// inspect_stacks.cpp
Reply Backtrace(Session& session);  // bt: the stack SP is on
Reply Stacks(Session& session);     // every known stack with its owner
Reply Frames(Session& session);     // the frame diagram of the stack SP is on (trace/diagram.h)

// inspect_runtime.cpp
Reply ShowG(Session& session);
Reply ShowM(Session& session);
Reply ShowDefers(Session& session);

// inspect_machine.cpp
Reply Registers(Session& session);
Reply Examine(Session& session, const Location& location, uint64_t words);
Reply ListSource(Session& session);
Reply Disassembly(Session& session);

}  // namespace goemu::debugger
