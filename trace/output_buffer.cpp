#include "trace/output_buffer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace goemu::trace {

OutputBuffer::OutputBuffer(int fd, bool owned) : fd_(fd), owned_(owned), buffer_(new char[kCapacity]) {}

OutputBuffer::OutputBuffer(std::string* capture) : capture_(capture), buffer_(new char[kCapacity]) {}

OutputBuffer::~OutputBuffer() {
  Flush();
  writer_.reset();
  if (owned_ && fd_ >= 0) ::close(fd_);
}

std::unique_ptr<OutputBuffer> OutputBuffer::OpenFile(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = fmt::format("cannot open {}: {}", path, std::strerror(errno));
    return nullptr;
  }
  auto out = std::make_unique<OutputBuffer>(fd, true);
  out->buffer_.reset(new char[kFileBuffer]);
  out->capacity_ = kFileBuffer;
  out->writer_ = std::make_unique<BufferWriter>(fd, kFileChunk, kFileChunks);
  out->chunk_ = Chunk{std::unique_ptr<char[]>(new char[kFileChunk]), kFileChunk, 0};
  return out;
}

void OutputBuffer::Append(std::string_view bytes) {
  total_ += bytes.size();
  if (used_ + bytes.size() > capacity_) {
    SendOut();
    if (bytes.size() > capacity_) {
      if (writer_ != nullptr) {
        CopyToChunk(bytes.data(), bytes.size());
      } else {
        WriteOut(bytes.data(), bytes.size());
      }
      return;
    }
  }
  std::memcpy(buffer_.get() + used_, bytes.data(), bytes.size());
  used_ += bytes.size();
}

void OutputBuffer::MakeRoom(size_t n) {
  SendOut();
  if (n > capacity_) {
    buffer_.reset(new char[n]);
    capacity_ = n;
  }
}

void OutputBuffer::SendOut() {
  if (used_ == 0) return;
  if (writer_ != nullptr) {
    CopyToChunk(buffer_.get(), used_);
    if (chunk_.size >= kEarlyChunk && writer_->idle()) SubmitChunk();
  } else {
    WriteOut(buffer_.get(), used_);
  }
  used_ = 0;
}

void OutputBuffer::CopyToChunk(const char* data, size_t n) {
  while (n > 0) {
    if (chunk_.size == chunk_.capacity) SubmitChunk();
    const size_t part = std::min(n, chunk_.capacity - chunk_.size);
    std::memcpy(chunk_.bytes.get() + chunk_.size, data, part);
    chunk_.size += part;
    data += part;
    n -= part;
  }
}

void OutputBuffer::SubmitChunk() { chunk_ = writer_->Submit(std::move(chunk_)); }

void OutputBuffer::Flush() {
  SendOut();
  if (writer_ == nullptr) return;
  if (chunk_.size != 0) SubmitChunk();
  writer_->Drain();
}

bool OutputBuffer::broken() { return error() != 0; }

int OutputBuffer::error() {
  if (error_ == 0 && writer_ != nullptr) error_ = writer_->error();
  return error_;
}

void OutputBuffer::WriteOut(const char* data, size_t n) {
  if (error_ != 0) return;
  if (capture_ != nullptr) {
    capture_->append(data, n);
    return;
  }
  // The reader is gone (EPIPE with SIGPIPE ignored) or the disk is full: stop quietly.
  error_ = WriteAll(fd_, data, n);
}

}  // namespace goemu::trace
