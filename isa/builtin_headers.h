// goemu's own copies of the headers Go's runtime assembly includes (same macro names and values
// as Go's), compiled into the library so goemu works from any directory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace goemu::isa {

// The text of the built-in header `name` ("textflag.h", "funcdata.h", "go_tls.h"), if any.
std::optional<std::string> BuiltinHeader(std::string_view name);

}  // namespace goemu::isa
