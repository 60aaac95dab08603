// Small formatting pieces every trace writer shares.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace goemu::trace {

// The Linux/amd64 name of a syscall number the runtime uses ("write", "arch_prctl", ...);
// "" for others.
std::string_view LinuxSyscallName(int64_t number);

// Appends s as a JSON string literal (quotes included).
void AppendJsonString(fmt::memory_buffer& out, std::string_view s);

// The per-event and per-instruction appends of the writers' hot paths, without a format
// string to parse: these run millions of times a second under --trace=insns.
inline void AppendDec(fmt::memory_buffer& out, uint64_t value) {
  const fmt::format_int digits(value);
  out.append(digits.data(), digits.data() + digits.size());
}
inline void AppendSigned(fmt::memory_buffer& out, int64_t value) {
  const fmt::format_int digits(value);
  out.append(digits.data(), digits.data() + digits.size());
}
// "0x1f", as fmt's {:#x}.
inline void AppendHex(fmt::memory_buffer& out, uint64_t value) {
  char digits[18];
  char* p = digits + sizeof digits;
  do {
    *--p = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  } while (value != 0);
  *--p = 'x';
  *--p = '0';
  out.append(p, digits + sizeof digits);
}
inline void AppendSpaces(fmt::memory_buffer& out, size_t n) {
  const size_t at = out.size();
  out.resize(at + n);
  std::fill(out.data() + at, out.data() + at + n, ' ');
}
// text right-aligned (or left-aligned) in a field of `width` characters.
inline void AppendPadded(fmt::memory_buffer& out, std::string_view text, size_t width, bool right) {
  const size_t pad = text.size() < width ? width - text.size() : 0;
  if (right) AppendSpaces(out, pad);
  out.append(text.data(), text.data() + text.size());
  if (!right) AppendSpaces(out, pad);
}

}  // namespace goemu::trace
