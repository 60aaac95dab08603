// Where a frame diagram is taken, as `goemu frames --at WHERE` and `goemu run --diagrams-at`
// spell it: a step number (after that many instructions retired), a code location
// (`main.main`, `runtime.jmpdefer+12`: when PC first gets there, before that instruction
// runs), or an event (`retaddr-rewrite`, `stack-grow#2`: right after the instruction that
// caused the n-th event of that kind, counting from 1).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "isa/assembler.h"
#include "trace/event.h"

namespace goemu::trace {

struct StopPoint {
  enum class Kind : uint8_t { kStep, kAddress, kEvent };
  Kind kind = Kind::kStep;
  uint64_t step = 0;     // kStep
  uint64_t address = 0;  // kAddress
  EventKind event = EventKind::kCall;  // kEvent
  uint64_t nth = 0;      // kEvent: 0 = every one
};

struct ParsedStopPoint {
  std::optional<StopPoint> point;
  std::string error;  // set when point is empty
};

// The event kind named as every trace format names it ("tail-jump"), or nullopt.
std::optional<EventKind> ParseEventKind(std::string_view name);
// `kind` or `kind#n`; `kind` alone means every such event.
ParsedStopPoint ParseEventPoint(std::string_view text);
// Any form above; a bare `kind` means its first event.
ParsedStopPoint ParseStopPoint(std::string_view text, const isa::Image& image);

}  // namespace goemu::trace
