#include "trace/buffer_writer.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace goemu::trace {

// The most one write(2) call is given. On this project's VMs large buffered writes to ext4
// often cost several times the system time of smaller ones, in spells that come and go: a C
// loop writing 2.7 GB took 1.6-7 s in 1 MiB writes (up to 6.3 s in 512 KiB ones), 0.42-3.8 s
// in 256 KiB ones, 0.44-1.0 s in 128 KiB ones; /proc/vmstat counted no compaction, and the
// cause is not known. A --trace=insns run writing 2.8 GB beside goemu's formatting thread
// (`bench/ab-trace 9 /var/tmp insns jsonl 1000`, two sets): median wall 1.88 and 0.98 s in
// 256 KiB writes, 0.84 and 0.83 s in 128 KiB ones, 1.00 s in 64 KiB ones.
constexpr size_t kMaxWrite = 128 << 10;

int WriteAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, std::min(n, kMaxWrite));
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return errno;
    if (w == 0) return ENOSPC;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return 0;
}

namespace {

// Disk space is reserved this far ahead of what is written.
constexpr uint64_t kReserveAhead = 64 << 20;

bool ReservingPays(int fd) {
  struct stat st;
  struct statfs fs;
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::fstatfs(fd, &fs) == 0 && fs.f_type != TMPFS_MAGIC;
}

}  // namespace

BufferWriter::BufferWriter(int fd, size_t capacity, int count)
    : fd_(fd), reserving_(ReservingPays(fd)), thread_(&BufferWriter::Run, this) {
  std::lock_guard lock(mutex_);
  for (int i = 1; i < count; ++i) empty_.push_back(Chunk{std::unique_ptr<char[]>(new char[capacity]), capacity, 0});
}

BufferWriter::~BufferWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  work_.notify_one();
  thread_.join();
  // The file ends where the writes (this thread's, and any the owner made itself) did.
  if (reserved_ != 0) {
    const off_t end = ::lseek(fd_, 0, SEEK_CUR);
    if (end >= 0) ::ftruncate(fd_, end);
  }
}

void BufferWriter::Reserve(uint64_t end) {
  while (reserved_ < end) {
    if (::fallocate(fd_, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(reserved_), kReserveAhead) != 0) {
      reserving_ = false;  // not supported, or the disk is full: the writes will say
      return;
    }
    reserved_ += kReserveAhead;
  }
}

Chunk BufferWriter::Submit(Chunk full) {
  std::unique_lock lock(mutex_);
  full_.push_back(std::move(full));
  // A polling writer finds the chunk on its own; it is woken only from its sleep, or when
  // this thread is about to wait for it to hand a chunk back (a --trace=insns run, whose
  // writer is as busy as this thread, then loses none of a poll's delay).
  if (asleep_ || empty_.empty()) work_.notify_one();
  done_.wait(lock, [this] { return !empty_.empty(); });
  Chunk empty = std::move(empty_.back());
  empty_.pop_back();
  return empty;
}

void BufferWriter::Drain() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return full_.empty() && !writing_; });
}

bool BufferWriter::asleep() {
  std::lock_guard lock(mutex_);
  return asleep_;
}

int BufferWriter::error() {
  std::lock_guard lock(mutex_);
  return error_;
}

void BufferWriter::Run() {
  std::unique_lock lock(mutex_);
  int idle_polls = 0;
  for (;;) {
    if (full_.empty() && !stop_) {
      idle_.store(true, std::memory_order_relaxed);
      if (idle_polls < kIdlePolls) {
        ++idle_polls;
        work_.wait_for(lock, kPoll);
      } else {
        asleep_ = true;
        work_.wait(lock, [this] { return !full_.empty() || stop_; });
        asleep_ = false;
      }
      continue;
    }
    if (full_.empty()) return;  // stopped, and everything is written
    idle_polls = 0;
    idle_.store(false, std::memory_order_relaxed);
    Chunk chunk = std::move(full_.front());
    full_.pop_front();
    writing_ = true;
    const bool failed = error_ != 0;
    lock.unlock();
    if (reserving_ && !failed) Reserve(written_ + chunk.size);
    const int error = failed ? 0 : WriteAll(fd_, chunk.bytes.get(), chunk.size);
    written_ += chunk.size;
    lock.lock();
    if (error != 0) error_ = error;
    writing_ = false;
    chunk.size = 0;
    empty_.push_back(std::move(chunk));
    done_.notify_all();
  }
}

}  // namespace goemu::trace
