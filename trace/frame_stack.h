// The frame tracer's frames, outermost first: a vector that keeps its size apart from its
// storage, so that a push known to have room is two stores, inline. std::vector's
// emplace_back, with its growth path, is a call GCC leaves out of line in the tracer's
// CALL handler (~27 host Ir a call), and a call there makes the handler save registers.
#pragma once
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <span>
#include <vector>

#include "trace/unwinder.h"

namespace goemu::trace {

class FrameStack {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Whether push_back would grow the storage.
  bool full() const { return size_ == capacity_; }

  Frame& operator[](size_t i) { return slots_[i]; }
  const Frame& operator[](size_t i) const { return slots_[i]; }
  Frame& back() { return slots_[size_ - 1]; }
  const Frame& back() const { return slots_[size_ - 1]; }
  const Frame& front() const { return slots_[0]; }
  Frame* begin() { return slots_.data(); }
  Frame* end() { return slots_.data() + size_; }
  const Frame* begin() const { return slots_.data(); }
  const Frame* end() const { return slots_.data() + size_; }
  operator std::span<const Frame>() const { return {begin(), size_}; }

  void push_back(const Frame& f) {
    if (full()) [[unlikely]] Grow();
    PushInRoom(f);
  }
  // push_back when !full(), which the caller tested.
  void PushInRoom(const Frame& f) { slots_[size_++] = f; }
  void pop_back() { --size_; }
  // Keeps the outermost n frames (n <= size()).
  void Truncate(size_t n) { size_ = std::min(size_, n); }
  // Appends [first, last) after the innermost frame.
  template <typename It>
  void Append(It first, It last) {
    const size_t n = static_cast<size_t>(std::distance(first, last));
    if (size_ + n > capacity_) Reserve(std::max(size_ + n, 2 * capacity_));
    std::copy(first, last, slots_.begin() + static_cast<std::ptrdiff_t>(size_));
    size_ += n;
  }

 private:
  [[gnu::noinline]] void Grow() { Reserve(std::max<size_t>(64, 2 * capacity_)); }
  void Reserve(size_t n) {
    slots_.resize(n);
    capacity_ = n;
  }

  std::vector<Frame> slots_;  // all of it in use up to size_, the rest spare
  size_t size_ = 0;
  size_t capacity_ = 0;  // slots_.size(), kept apart: full() is one compare
};

}  // namespace goemu::trace
