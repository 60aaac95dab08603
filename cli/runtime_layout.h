// The tracer's view of the runtime (trace::RuntimeLayout) filled from the runtime model's own
// layout tables, so offsets, runtime.g0, runtime.allgs and the host-service names are
// written once, in runtime_model/layout.inc and constants.inc.
#pragma once
#include "isa/assembler.h"
#include "trace/runtime_view.h"

namespace goemu::cli {

trace::RuntimeLayout ModelRuntimeLayout(const isa::Image& image);

}  // namespace goemu::cli
