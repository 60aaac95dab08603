// A byte format for assembled objects, so the runtime model can be assembled once at build
// time and carried in the binary (runtime_objects.h). It holds every field of isa::Object,
// its symbols, instructions and relocations: decoding gives back objects equal to the ones
// encoded, and the same objects always encode to the same bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/assembler.h"

namespace goemu::rt {

std::string EncodeObjects(const std::vector<isa::Object>& objects);
// nullopt when the bytes are not a complete encoding (truncated, wrong version, trailing bytes).
std::optional<std::vector<isa::Object>> DecodeObjects(std::string_view bytes);

}  // namespace goemu::rt
