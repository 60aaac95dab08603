// The jsonl trace's step, `"step":N` without padding, for steps that grow a few instructions
// from one event to the next: as StepColumn does for the text trace's right-aligned column,
// the digits above the last four are kept from the line before, so a line costs one division
// by 10000 and two digit pairs instead of counting digits and a division per digit pair.
#pragma once
#include <cstdint>
#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {

class StepDigits {
 public:
  // Room a Put may write into past the digits it returns the end of.
  static constexpr size_t kSlack = 16;

  // Writes value's decimal digits at p; returns their end.
  char* Put(char* p, uint64_t value) {
    const uint64_t high = value / 10000;
    const uint32_t low = static_cast<uint32_t>(value % 10000);
    if (high == 0) return PutDec(p, low);
    if (high != high_) Keep(high);
    std::memcpy(p, high_text_, kHighMax);  // a fixed-size copy: one store pair
    p += high_size_;
    std::memcpy(p, kDigitPairs + 2 * (low / 100), 2);
    std::memcpy(p + 2, kDigitPairs + 2 * (low % 100), 2);
    return p + 4;
  }

 private:
  static constexpr size_t kHighMax = 16;  // the digits of UINT64_MAX / 10000
  static_assert(kSlack >= kHighMax);
  void Keep(uint64_t high) {
    high_ = high;
    high_size_ = static_cast<size_t>(PutDec(high_text_, high) - high_text_);
  }

  uint64_t high_ = 0;  // 0: nothing kept (a step below 10000 keeps nothing)
  size_t high_size_ = 0;
  char high_text_[kHighMax] = {};
};

}  // namespace goemu::trace
