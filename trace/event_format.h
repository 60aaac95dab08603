// Small formatting pieces every trace writer shares.
#pragma once
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
// "00" to "99", two bytes each.
inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
// The decimal digits of value written so that they end at end; returns where they start.
inline char* PutDecBefore(char* end, uint64_t value) {
  while (value >= 100) {
    end -= 2;
    std::memcpy(end, kDigitPairs + 2 * (value % 100), 2);
    value /= 100;
  }
  if (value >= 10) {
    end -= 2;
    std::memcpy(end, kDigitPairs + 2 * value, 2);
  } else {
    *--end = static_cast<char>('0' + value);
  }
  return end;
}
// The same for value < 10000 (a depth), without a loop.
inline void PutDec4Before(char* end, uint32_t value) {
  if (value >= 100) {
    std::memcpy(end - 2, kDigitPairs + 2 * (value % 100), 2);
    end -= 2;
    value /= 100;
  }
  if (value >= 10) {
    std::memcpy(end - 2, kDigitPairs + 2 * value, 2);
  } else {
    end[-1] = static_cast<char>('0' + value);
  }
}
// s, of at most 8 bytes, in two fixed-size copies that may overlap instead of a call to
// memcpy.
inline char* PutShort(char* p, std::string_view s) {
  const char* src = s.data();
  const size_t n = s.size();
  if (n >= 4) {
    std::memcpy(p, src, 4);
    std::memcpy(p + n - 4, src + n - 4, 4);
  } else if (n >= 2) {
    std::memcpy(p, src, 2);
    std::memcpy(p + n - 2, src + n - 2, 2);
  } else if (n == 1) {
    *p = *src;
  }
  return p + n;
}
inline int DecimalDigits(uint64_t value) {
  int n = 1;
  for (; value >= 10000; value /= 10000) n += 4;
  return n + (value >= 10) + (value >= 100) + (value >= 1000);
}
inline char* PutDec(char* p, uint64_t value) {
  p += DecimalDigits(value);
  PutDecBefore(p, value);
  return p;
}
inline char* PutSigned(char* p, int64_t value) {
  if (value < 0) *p++ = '-';
  return PutDec(p, value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
}
// The eight hex digits of value, most significant first, as the bytes of a word in memory
// order: each nibble spread to a byte, turned to ASCII in all bytes at once, byte-swapped.
inline uint64_t HexWord(uint32_t value) {
  uint64_t x = value;
  x = (x | (x << 16)) & 0x0000ffff0000ffff;
  x = (x | (x << 8)) & 0x00ff00ff00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0f;  // byte i = nibble i
  const uint64_t letters = ((x + 0x0606060606060606) >> 4) & 0x0101010101010101;  // nibbles >= 10
  return __builtin_bswap64(x + 0x3030303030303030 + letters * ('a' - '0' - 10));
}
// "0x1f", as fmt's {:#x}: at most 18 bytes.
inline char* PutHex(char* p, uint64_t value) {
  const int digits = (std::bit_width(value | 1) + 3) / 4;
  *p++ = '0';
  *p++ = 'x';
  if (digits >= 8) {
    // Addresses: the high word's last digits - 8 digits (its leading zeros shifted out, the
    // bytes past them overwritten next), then the low word's eight.
    if (digits > 8) {
      const uint64_t high = HexWord(static_cast<uint32_t>(value >> 32)) >> (8 * (16 - digits));
      std::memcpy(p, &high, 8);
    }
    const uint64_t low = HexWord(static_cast<uint32_t>(value));
    std::memcpy(p + digits - 8, &low, 8);
    return p + digits;
  }
  for (int i = digits - 1; i >= 0; --i) p[digits - 1 - i] = "0123456789abcdef"[(value >> (4 * i)) & 0xf];
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
