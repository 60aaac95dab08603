// The text trace's step column, `{:>10}`, for steps that grow a few instructions from one
// event to the next: the digits above the last four are kept from the line before, so a
// line costs one division by 10000 and two digit pairs instead of a division per digit pair.
// (decimal_text.h carries a number forward too, for --trace=insns' step, which goes up by
// exactly one a line: it increments the text; event steps jump by a few, so this one keeps
// only the slow-changing high digits.)
#pragma once
#include <cstdint>
#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {

class StepColumn {
 public:
  static constexpr size_t kWidth = 10;
  static constexpr uint64_t kLimit = 10'000'000'000;  // values that fit the column

  // Writes value (< kLimit) right-aligned into the kWidth bytes before end, which hold
  // spaces.
  void Put(char* end, uint64_t value) {
    const uint64_t high = value / 10000;
    const uint32_t low = static_cast<uint32_t>(value % 10000);
    if (high == 0) {
      PutDecBefore(end, low);
      return;
    }
    if (high != high_) Keep(high);
    std::memcpy(end - kWidth, high_text_, kHighWidth);
    std::memcpy(end - 4, kDigitPairs + 2 * (low / 100), 2);
    std::memcpy(end - 2, kDigitPairs + 2 * (low % 100), 2);
  }

 private:
  static constexpr size_t kHighWidth = kWidth - 4;
  void Keep(uint64_t high) {
    high_ = high;
    std::memset(high_text_, ' ', kHighWidth);
    PutDecBefore(high_text_ + kHighWidth, high);
  }

  uint64_t high_ = 0;  // 0: nothing kept (a step below 10000 keeps nothing)
  char high_text_[kHighWidth] = {};  // high_, right-aligned in spaces
};

}  // namespace goemu::trace
