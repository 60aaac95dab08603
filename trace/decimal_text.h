// The decimal text of a number that mostly goes up by one from one call to the next (a step
// counter): the text is kept and carried forward, with no division per digit.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

#include "trace/event_format.h"

namespace goemu::trace {

class DecimalText {
 public:
  std::string_view Of(uint64_t value) {
    if (value == value_ + 1 && size_ != 0) [[likely]] {
      Increment();
    } else {
      Reset(value);
    }
    value_ = value;
    return {digits_ + kMax - size_, size_};
  }
  // The text of the last Of written at p in one copy of a fixed kMax bytes, cheaper than
  // memcpy's call for its ~8 bytes (the caller overwrites what lies past the end, and
  // leaves room for it); returns the end of the text.
  char* PutLast(char* p) const {
    std::memcpy(p, digits_ + kMax - size_, kMax);
    return p + size_;
  }

 private:
  static constexpr size_t kMax = 20;  // digits of UINT64_MAX
  void Increment() {
    size_t i = kMax - 1;
    while (i >= kMax - size_ && digits_[i] == '9') digits_[i--] = '0';
    if (i < kMax - size_) {
      digits_[i] = '1';  // 99..9 + 1 gains a digit
      ++size_;
    } else {
      ++digits_[i];
    }
  }
  void Reset(uint64_t value) { size_ = static_cast<size_t>(digits_ + kMax - PutDecBefore(digits_ + kMax, value)); }

  char digits_[2 * kMax] = {};  // the text, right-aligned at kMax; the rest is for PutLast
  size_t size_ = 0;
  uint64_t value_ = 0;
};

}  // namespace goemu::trace
