// Frame diagrams in the style of the seeds' hand-drawn boxes: the stack SP is on, from high
// to low addresses, one row per 8-byte slot. For each frame: the caller's argument slots
// named as the assembler saw them (`fv+0(FP)`), the return address with symbol+offset and
// the instruction it returns to, the saved BP, locals and outgoing arguments; arrows for
// SP, BP and FP; the stack's bounds and stackguard0; the owning g and m; the current g's
// _defer chain and sched gobuf.
#pragma once
#include <string>

#include "emulator/machine.h"
#include "trace/code_index.h"
#include "trace/runtime_view.h"

namespace goemu::trace {

struct DiagramOptions {
  size_t max_frames = 16;           // innermost frames drawn
  size_t max_words_per_frame = 24;  // locals beyond this are elided
};

std::string RenderAsciiDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                               const DiagramOptions& options = {});

}  // namespace goemu::trace
