#include "trace/output_buffer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace goemu::trace {

OutputBuffer::OutputBuffer(int fd, bool owned) : fd_(fd), owned_(owned), buffer_(new char[kCapacity]) {}

OutputBuffer::OutputBuffer(std::string* capture) : capture_(capture), buffer_(new char[kCapacity]) {}

OutputBuffer::~OutputBuffer() {
  Flush();
  if (owned_ && fd_ >= 0) ::close(fd_);
}

std::unique_ptr<OutputBuffer> OutputBuffer::OpenFile(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = fmt::format("cannot open {}: {}", path, std::strerror(errno));
    return nullptr;
  }
  return std::make_unique<OutputBuffer>(fd, true);
}

void OutputBuffer::Append(std::string_view bytes) {
  total_ += bytes.size();
  if (broken_) return;
  if (used_ + bytes.size() > capacity_) {
    Flush();
    if (bytes.size() > capacity_) return WriteOut(bytes.data(), bytes.size());
  }
  std::memcpy(buffer_.get() + used_, bytes.data(), bytes.size());
  used_ += bytes.size();
}

void OutputBuffer::MakeRoom(size_t n) {
  Flush();
  if (n > capacity_) {
    buffer_.reset(new char[n]);
    capacity_ = n;
  }
}

void OutputBuffer::Flush() {
  if (used_ == 0) return;
  WriteOut(buffer_.get(), used_);
  used_ = 0;
}

void OutputBuffer::WriteOut(const char* data, size_t n) {
  if (broken_) return;
  if (capture_ != nullptr) {
    capture_->append(data, n);
    return;
  }
  while (n > 0) {
    const ssize_t w = ::write(fd_, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      // The reader is gone (EPIPE with SIGPIPE ignored) or the disk is full: stop quietly.
      broken_ = true;
      return;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
}

}  // namespace goemu::trace
