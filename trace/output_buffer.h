// Buffered, allocation-free output for trace writers: bytes collect in a fixed buffer and
// go out in large write(2) calls. A reader that goes away (EPIPE, as with `| head`) makes
// the buffer stop writing quietly; broken() tells the embedder so it can stop early.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace goemu::trace {

class OutputBuffer {
 public:
  // Writes to fd; closes it on destruction when owned.
  explicit OutputBuffer(int fd, bool owned = false);
  // Collects everything in *capture (tests, in-memory golden comparison).
  explicit OutputBuffer(std::string* capture);
  ~OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  // Opens (truncating) a file for writing; nullptr with *error set when that fails.
  static std::unique_ptr<OutputBuffer> OpenFile(const std::string& path, std::string* error);

  void Append(std::string_view bytes);
  void Append(const fmt::memory_buffer& bytes) { Append(std::string_view(bytes.data(), bytes.size())); }
  // Room for n more bytes, for a writer that formats in place: it writes from the pointer
  // returned and hands the end of what it wrote to Commit; nothing else may come between.
  // Flushes when the buffer lacks the room; grows it for a line longer than the buffer.
  char* Reserve(size_t n) {
    if (used_ + n > capacity_) [[unlikely]] MakeRoom(n);
    return buffer_.get() + used_;
  }
  void Commit(const char* end) {
    const size_t n = static_cast<size_t>(end - (buffer_.get() + used_));
    used_ += n;
    total_ += n;
  }
  void Flush();
  bool broken() const { return broken_; }
  uint64_t bytes_written() const { return total_; }

 private:
  static constexpr size_t kCapacity = 1 << 16;
  void WriteOut(const char* data, size_t n);
  void MakeRoom(size_t n);

  int fd_ = -1;
  bool owned_ = false;
  std::string* capture_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = kCapacity;
  size_t used_ = 0;
  bool broken_ = false;
  uint64_t total_ = 0;
};

}  // namespace goemu::trace
