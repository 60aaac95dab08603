// Buffered, allocation-free output for trace writers: bytes collect in a fixed buffer and
// go out in large write(2) calls. A reader that goes away (EPIPE, as with `| head`) or a
// full disk makes the buffer stop writing quietly; broken() tells the embedder so it can
// stop early, error() says why.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "trace/buffer_writer.h"

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

  // Opens (truncating) a file for writing; nullptr with *error set when that fails. A
  // file's bytes go out on a writer thread (BufferWriter): nothing else writes to it, so
  // handing chunks over keeps the order of the bytes.
  //
  // The bytes are formatted into a small buffer and copied from there into the chunk, a
  // buffer at a time. The chunks circulate, and every line of one was last read by the
  // kernel's copy on the writer thread's core: a store to it waits while that core gives
  // the line up. Scattered among a trace writer's work, those waits cost more than the
  // formatting: `--trace=calls --format binary` of call_bench 6000 took 0.40 s to a file
  // against 0.28 s to /dev/null, which reads nothing. One memcpy a buffer overlaps them
  // (0.28 s to the file), and the small buffer stays in this core's cache. Streaming
  // (non-temporal) stores for the copy were as fast here, but the kernel then reads the
  // chunk from memory: a --trace=insns run's system time went from 0.45 s to 2.1 s.
  static std::unique_ptr<OutputBuffer> OpenFile(const std::string& path, std::string* error);

  void Append(std::string_view bytes);
  void Append(const fmt::memory_buffer& bytes) { Append(std::string_view(bytes.data(), bytes.size())); }
  // Room for n more bytes, for a writer that formats in place: it writes from the pointer
  // returned and hands the end of what it wrote to Commit; nothing else may come between.
  // Sends the buffer out when it lacks the room; grows it for a line longer than the buffer.
  char* Reserve(size_t n) {
    if (used_ + n > capacity_) [[unlikely]] MakeRoom(n);
    return buffer_.get() + used_;
  }
  void Commit(const char* end) {
    const size_t n = static_cast<size_t>(end - (buffer_.get() + used_));
    used_ += n;
    total_ += n;
  }
  // Writes everything appended so far before it returns.
  void Flush();
  bool broken();
  // The errno of the write that failed, 0 if none has (after a Flush, for a file).
  int error();
  uint64_t bytes_written() const { return total_; }

 private:
  static constexpr size_t kCapacity = 1 << 16;
  // A file's writer thread gets bigger chunks, fewer hand-overs: one that wakes the writer
  // (BufferWriter::Submit says when) costs the producer ~20 us on a VM. 1 MiB rather than
  // 256 KiB: a --trace=insns run to /dev/null took 0.55 s of CPU time instead of 0.70 s
  // (10.5k hand-overs -> 2.6k), when every hand-over woke the writer.
  static constexpr size_t kFileChunk = 1 << 20;
  static constexpr int kFileChunks = 4;
  // A chunk holding this much goes to the writer thread at once when the writer has nothing
  // to do, rather than when it is full: --trace=calls --format binary, whose writer is idle
  // most of the time, took 3% less wall time (`bench/ab-trace 11 /var/tmp calls binary
  // 6000`: 0.205 s against 0.212 s). Chunks of 256 KiB did as well there, but hand a
  // --trace=insns run's busy writer four times as many. Why it helps is not known: the four
  // chunks' lines come back to this thread sooner, and the writer's work is spread out more
  // evenly. A trace file read as it grows (`tail -f`) also gets its bytes sooner.
  static constexpr size_t kEarlyChunk = 256 << 10;
  // A file's buffer: room for two of the binary writer's 64 KiB blocks, and well inside the
  // 1 MiB second-level cache of this project's machines.
  static constexpr size_t kFileBuffer = 128 << 10;
  // Sends the buffer's bytes on their way: written, or copied into the writer's chunk.
  void SendOut();
  // Copies bytes into the chunk, handing each chunk it fills to the writer thread.
  void CopyToChunk(const char* data, size_t n);
  void SubmitChunk();
  void WriteOut(const char* data, size_t n);
  void MakeRoom(size_t n);

  int fd_ = -1;
  bool owned_ = false;
  std::string* capture_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = kCapacity;
  size_t used_ = 0;
  int error_ = 0;
  uint64_t total_ = 0;
  std::unique_ptr<BufferWriter> writer_;  // files only
  Chunk chunk_;                           // files only: the one CopyToChunk fills
};

}  // namespace goemu::trace
