#include "tests/difftest/rng.h"

#include <array>

namespace goemu::difftest {

uint64_t EdgeValue(Rng& rng, unsigned bits) {
  const uint64_t sign = 1ull << (bits - 1);
  const std::array<uint64_t, 16> edges = {
      0, 1, 2, ~0ull, sign, sign - 1, sign + 1, ~0ull - 1,
      0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000};
  if (rng.Chance(1, 3)) return Truncate(rng.Next(), bits);
  return Truncate(edges[rng.Below(edges.size())], bits);
}

uint64_t RegisterValue(Rng& rng) {
  static constexpr std::array<unsigned, 4> kWidths = {8, 16, 32, 64};
  uint64_t value = rng.Next();
  if (rng.Chance(1, 2)) {
    const unsigned bits = kWidths[rng.Below(kWidths.size())];
    const uint64_t low = EdgeValue(rng, bits);
    uint64_t high = value;
    switch (rng.Below(4)) {
      case 0: high = 0; break;
      case 1: high = ~0ull; break;
      default: break;
    }
    value = bits == 64 ? low : (high & ~Truncate(~0ull, bits)) | low;
  }
  return value;
}

uint8_t CountValue(Rng& rng, unsigned width) {
  const std::array<unsigned, 14> edges = {0, 1, 2, width - 1, width, width + 1, 9, 17,
                                          31, 32, 33, 63, 64, 65};
  if (rng.Chance(1, 4)) return static_cast<uint8_t>(rng.Next());
  return static_cast<uint8_t>(edges[rng.Below(edges.size())]);
}

}  // namespace goemu::difftest
