// What programs/NAME.trace holds: the text trace itself, or for a trace too long to read or
// review (deep recursion, copystack's pointer adjustment) its head and tail, with the middle
// reduced to the events other than call, return and tail-jump, plus a 64-bit FNV-1a hash of
// the whole trace, so any change anywhere still shows in the comparison.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace goemu::trace::golden {

inline constexpr size_t kMaxVerbatimLines = 3000;
inline constexpr size_t kHeadLines = 1000;
inline constexpr size_t kTailLines = 500;

uint64_t Fnv1a64(std::string_view bytes);
std::string GoldenForm(std::string_view trace);

}  // namespace goemu::trace::golden
