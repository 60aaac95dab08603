// programs/defer.s with the runtime model, assembled once per fuzzing process: the program the
// stepper and render fuzz targets run against (each copies or indexes it per input). Needs
// GOEMU_SOURCE_DIR.
#pragma once
#include <cstdlib>
#include <utility>

#include "runtime_model/program.h"

namespace goemu::fuzz {

inline const isa::Image& DeferProgram() {
  static const isa::Image image = [] {
    rt::BuildResult built = rt::BuildProgram({GOEMU_SOURCE_DIR "/programs/defer.s"});
    if (!built.ok()) std::abort();
    return std::move(built.image);
  }();
  return image;
}

}  // namespace goemu::fuzz
