// Writes filled buffers to a file descriptor on a thread of its own, so that the thread
// formatting the next buffer runs while the kernel copies this one (on a second core the
// copy, half of a --trace=insns run's CPU time, leaves the wall clock). A fixed set of
// buffers circulates, so memory stays constant however long the trace: Submit hands a full
// one over and returns an empty one, waiting while every other one is still being written.
//
// While buffers keep coming the writer looks for them every kPoll, and Submit wakes no one:
// on this project's VMs a traced run whose every Submit woke the writer took 3-5% longer
// (`bench/ab-trace 9 /var/tmp calls binary 6000`, four sets: 0.218-0.225 s against
// 0.207-0.216 s with polls every 25-500 us; spinning instead of polling gained less). After
// kIdlePolls polls that find nothing the writer sleeps until a Submit wakes it, so an idle
// trace (a debugger session waiting for its user) costs no CPU.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace goemu::trace {

// Writes all of data[0, n) to fd, again after EINTR and short writes; the errno of the
// write that failed, else 0.
int WriteAll(int fd, const char* data, size_t n);

struct Chunk {
  std::unique_ptr<char[]> bytes;
  size_t capacity = 0;
  size_t size = 0;  // bytes to write
};

class BufferWriter {
 public:
  // Keeps count - 1 empty chunks of capacity bytes; the caller makes its first one.
  BufferWriter(int fd, size_t capacity, int count);
  // Writes what was submitted, then stops the thread, and gives back the disk space
  // reserved past the end of the file.
  ~BufferWriter();
  BufferWriter(const BufferWriter&) = delete;
  BufferWriter& operator=(const BufferWriter&) = delete;

  // Queues full for writing; returns an empty chunk (size 0).
  Chunk Submit(Chunk full);
  // Returns once everything submitted has been written (or dropped after a failure).
  void Drain();
  // Whether the writer sleeps until a Submit wakes it (it has found nothing to write
  // kIdlePolls times running), rather than polling.
  bool asleep();
  // Whether the writer has nothing to write: it polls, or sleeps. A hint, read without the
  // lock: the next moment a chunk may arrive.
  bool idle() const { return idle_.load(std::memory_order_relaxed); }
  // The errno of the first write that failed (0 while none has): the reader went away
  // (EPIPE) or the disk is full. Chunks submitted after it are dropped. Call after Drain.
  int error();

 private:
  void Run();
  // Reserves disk space up to end and beyond (a regular file on a disk file system: ext4
  // writes into reserved blocks with about a quarter less system time; tmpfs gains nothing).
  void Reserve(uint64_t end);

  static constexpr std::chrono::microseconds kPoll{100};
  static constexpr int kIdlePolls = 100;

  const int fd_;
  std::mutex mutex_;
  std::condition_variable work_;  // the writer waits for a full chunk or the stop
  std::condition_variable done_;  // the producer waits for an empty chunk or the drain
  bool asleep_ = false;           // the writer waits on work_ with no time limit
  std::atomic<bool> idle_{true};  // the writer found no full chunk (idle())
  std::deque<Chunk> full_;
  std::vector<Chunk> empty_;
  bool writing_ = false;
  bool stop_ = false;
  int error_ = 0;
  bool reserving_ = false;  // the writer thread's own from here on
  uint64_t written_ = 0;
  uint64_t reserved_ = 0;
  std::thread thread_;  // last: starts once everything it reads is built
};

}  // namespace goemu::trace
