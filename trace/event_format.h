// Small formatting pieces every trace writer shares.
#pragma once
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace goemu::trace {

// The Linux/amd64 name of a syscall number the runtime uses ("write", "arch_prctl", ...);
// "" for others.
std::string_view LinuxSyscallName(int64_t number);

// The writers' hot paths write straight into memory reserved in their OutputBuffer, with no
// format string to parse and no bounds check per piece: these run millions of times a
// second under --trace=insns. Each writes at p and returns the end of what it wrote; the
// caller reserved room for it.
inline char* Put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
inline char* PutDec(char* p, uint64_t value) {
  const fmt::format_int digits(value);
  return Put(p, std::string_view(digits.data(), digits.size()));
}
inline char* PutSigned(char* p, int64_t value) {
  const fmt::format_int digits(value);
  return Put(p, std::string_view(digits.data(), digits.size()));
}
// Two hex digits per byte value, for PutHex.
inline constexpr auto kHexPairs = [] {
  std::array<char, 512> pairs{};
  for (int i = 0; i < 256; ++i) {
    pairs[2 * i] = "0123456789abcdef"[i >> 4];
    pairs[2 * i + 1] = "0123456789abcdef"[i & 0xf];
  }
  return pairs;
}();
// "0x1f", as fmt's {:#x}: at most 18 bytes, and it writes all 18 (the room it needs, past
// the end it returns): the value shifted so its first digit leads goes out as eight digit
// pairs, with no loop over a varying digit count.
inline char* PutHex(char* p, uint64_t value) {
  const int digits = (std::bit_width(value | 1) + 3) / 4;
  const uint64_t leading = value << (64 - 4 * digits);
  *p++ = '0';
  *p++ = 'x';
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) std::memcpy(p + 2 * i, &kHexPairs[2 * ((leading >> (56 - 8 * i)) & 0xff)], 2);
  return p + digits;
}
inline char* PutSpaces(char* p, size_t n) {
  std::memset(p, ' ', n);
  return p + n;
}
// text right-aligned (or left-aligned) in a field of `width` characters.
inline char* PutPadded(char* p, std::string_view text, size_t width, bool right) {
  const size_t pad = text.size() < width ? width - text.size() : 0;
  if (right) p = PutSpaces(p, pad);
  p = Put(p, text);
  if (!right) p = PutSpaces(p, pad);
  return p;
}
// s as a JSON string literal, quotes included: at most 6 bytes per byte of s, plus 2.
char* PutJsonString(char* p, std::string_view s);
inline constexpr size_t JsonStringBound(size_t size) { return 6 * size + 2; }

// The same pieces appended to a fmt buffer, for the paths that build lines there.
inline void AppendDec(fmt::memory_buffer& out, uint64_t value) {
  char digits[20];
  out.append(digits, PutDec(digits, value));
}
inline void AppendHex(fmt::memory_buffer& out, uint64_t value) {
  char digits[18];
  out.append(digits, PutHex(digits, value));
}
void AppendJsonString(fmt::memory_buffer& out, std::string_view s);

}  // namespace goemu::trace
