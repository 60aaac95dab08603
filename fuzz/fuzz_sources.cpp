#include "fuzz/fuzz_sources.h"

#include <string_view>

namespace goemu::fuzz {

std::vector<std::string> SplitSources(const uint8_t* data, size_t size, size_t max_parts) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts(1);
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t end = text.find('\n', line_start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(line_start, end - line_start);
    if (line == kSourceSeparator && parts.size() < max_parts) {
      parts.emplace_back();
    } else {
      parts.back().append(line);
      if (end < text.size()) parts.back().push_back('\n');
    }
    line_start = end + 1;
  }
  return parts;
}

}  // namespace goemu::fuzz
