// Frame diagrams in the style of the seeds' hand-drawn boxes (diagram_model.h says what is
// drawn): per stack, from high to low addresses, one row per 8-byte slot with its address,
// value and meaning; arrows for SP, BP and FP; the stack's bounds and the stackguard0 line;
// the owning g and m; the current g's sched gobuf and _defer chain.
#pragma once
#include <string>

#include "emulator/machine.h"
#include "trace/code_index.h"
#include "trace/diagram_model.h"
#include "trace/runtime_view.h"

namespace goemu::trace {

// The stack SP is on, or every stack with options.all_stacks.
std::string RenderAsciiDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                               const DiagramOptions& options = {});
std::string RenderAscii(const MachineDiagram& diagram);

}  // namespace goemu::trace
