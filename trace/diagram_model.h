// What a frame diagram shows, as data: every stack of the machine at this instruction, each
// as frames of 8-byte rows from high to low addresses. The ASCII and SVG renderers draw the
// same model, so the two pictures cannot disagree.
//
// Stacks drawn: the one SP is on (from the registers), then the current m's g0 and the
// current g (when SP is not on them), then every other g in runtime.allgs, each from its
// sched gobuf (sp, pc, bp), as Go's own traceback does for a goroutine that is not running.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/machine.h"
#include "trace/code_index.h"
#include "trace/runtime_view.h"
#include "trace/unwinder.h"

namespace goemu::trace {

struct DiagramOptions {
  size_t max_frames = 16;           // innermost frames drawn per stack
  size_t max_words_per_frame = 24;  // locals beyond this are elided
  bool all_stacks = false;          // false: only the stack SP is on
};

enum class RowKind : uint8_t {
  kArg,      // an argument slot of a frame drawn below (its caller passes it)
  kReturn,   // a return address
  kSavedBp,  // the caller's BP, saved by the prologue
  kLocal,    // locals and outgoing-argument space without a name
  kElided,   // a run of locals not drawn
};

struct DiagramRow {
  uint64_t addr = 0;
  std::optional<uint64_t> value;  // nullopt when unmapped
  RowKind kind = RowKind::kLocal;
  std::string label;  // "fv+0(FP)", "ret main.main+22 (CALL runtime.deferreturn(SB))", ...
  uint64_t elided_words = 0;  // kElided: how many rows it stands for
};

struct DiagramFrame {
  uint32_t func = kNoFunc;
  std::string title;  // "main.main (frame 24, args 0)"
  std::vector<DiagramRow> rows;  // high to low addresses
};

struct StackDiagram {
  std::string name;  // "g0", "g1", "gsignal", or the memory region's name
  uint64_t g = 0;    // owning g (0 when none)
  int64_t m_id = -1;
  bool is_g0 = false;
  bool live = false;  // drawn from the registers; otherwise from g.sched
  StackBounds bounds;
  uint64_t stackguard0 = 0;
  std::string status;  // "running", "runnable", ... ("" without a g)
  uint64_t pc = 0, sp = 0, bp = 0;
  std::string where;  // "main.main+12 (MOVQ $1, AX)"
  std::vector<DiagramFrame> frames;  // outermost first
  UnwindEnd end = UnwindEnd::kTopFrame;
};

struct MachineDiagram {
  uint64_t step = 0;
  uint64_t current_g = 0;
  std::string current_name;  // "g1"
  std::vector<StackDiagram> stacks;  // the stack SP is on first
  // The current g's sched gobuf and _defer chain (newest first), one line each, symbolized.
  std::string sched;
  std::vector<std::string> defers;
};

MachineDiagram BuildDiagram(const CodeIndex& code, const RuntimeView& runtime, const emu::Machine& machine,
                            const DiagramOptions& options);

// The Go text of the instruction at pc, tabs as spaces ("?" when none starts there).
std::string InsnText(const CodeIndex& code, uint64_t pc);
// "running", "runnable", ... for a g.atomicstatus value.
std::string_view GStatusText(uint32_t status);

}  // namespace goemu::trace
