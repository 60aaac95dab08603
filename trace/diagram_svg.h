// The frame diagram as a standalone SVG document: one column per stack, g0 stacks in warm
// colours and goroutine stacks in cool ones, the same rows, labels and SP/BP/FP arrows as the
// ASCII picture (both draw diagram_model.h's MachineDiagram).
#pragma once
#include <string>

#include "trace/diagram_model.h"

namespace goemu::trace {

std::string RenderSvg(const MachineDiagram& diagram);

}  // namespace goemu::trace
