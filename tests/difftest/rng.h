// Deterministic randomness for the generator: every case is a pure function
// of (seed, case index), so a reported case can be replayed alone.
#pragma once
#include <cstdint>

namespace goemu::difftest {

class Rng {
 public:
  Rng(uint64_t seed, uint64_t index) : state_(seed * 0x9e3779b97f4a7c15ull ^ (index + 1) * 0xbf58476d1ce4e5b9ull) {}

  // SplitMix64 (Steele, Lea, Flood 2014): tiny state, good enough mixing.
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // True with probability num/den.
  bool Chance(uint64_t num, uint64_t den) { return Below(den) < num; }
  // Uniform in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1)); }

 private:
  uint64_t state_;
};

// An operand value of `bits` (<= 64), biased toward the values where
// arithmetic flags change: 0, 1, all ones, the signed limits, byte/word edges.
uint64_t EdgeValue(Rng& rng, unsigned bits);
// A full 64-bit register value whose low 8/16/32 bits are often edge values
// and whose upper bits are random, zero or all ones.
uint64_t RegisterValue(Rng& rng);
// A shift count or bit index for an operation of `width` bits.
uint8_t CountValue(Rng& rng, unsigned width);
// Truncates to `bits`.
constexpr uint64_t Truncate(uint64_t value, unsigned bits) {
  return bits >= 64 ? value : value & ((1ull << bits) - 1);
}

}  // namespace goemu::difftest
