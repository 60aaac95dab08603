// The binary trace's writer: each event as a compact record (binary_format.h), with every
// field a difference from the previous event's where that keeps it short and the frames as
// the change since the previous event (Event::frames_kept). `goemu render` reads it back.
// The writer must be its OutputBuffer's only user: it reserves room a block at a time and
// commits it when the block is full and at Finish.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trace/event.h"
#include "trace/output_buffer.h"

namespace goemu::trace {

class BinaryWriter : public EventSink, public PlainFlowSink {
 public:
  // Writes the header: the program's files (as `goemu render` will look for them) and the
  // fingerprint of the image they assembled to.
  BinaryWriter(const isa::Image& image, const std::vector<std::string>& program_files, OutputBuffer& out);
  void OnEvent(const Event& e, const emu::Machine& machine) override;
  // A binary::kPlain record; the general one when a value does not fit it.
  void OnPlainFlow(const PlainFlow& flow) override;
  // Writes the end record, which tells the reader the trace is whole.
  void Finish() override;

 private:
  // A string's number in the table; a new one goes out with its bytes after the number.
  char* PutString(char* p, std::string_view s);
  bool SameGAndStack(const Event& e) const;
  // e's record: popped frames gone since the previous event, then pushed new ones.
  void PutGeneral(const Event& e, size_t popped, std::span<const Frame> pushed);
  // A PlainFlow whose values do not fit a binary::kPlain record. Out of line: the Event it
  // builds would make OnPlainFlow save and restore registers on every call.
  [[gnu::noinline, gnu::cold]] void PutPlainAsGeneral(const PlainFlow& flow, size_t frames);
  // After a record: the values the next one is written against, and the frame count.
  void Advance(uint64_t step, uint64_t pc, uint64_t sp, uint32_t depth, size_t frames);
  char* PutDetails(char* p, const Event& e);

  // Where the next record goes, with room up to limit_ (reserved in out_, not yet committed).
  char* Room(size_t n) {
    if (static_cast<size_t>(limit_ - cursor_) < n) [[unlikely]] Refill(n);
    return cursor_;
  }
  // Commits what was written and reserves the next block of at least n bytes.
  void Refill(size_t n);

  static constexpr size_t kBlock = 64 << 10;
  OutputBuffer& out_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  std::vector<std::string> strings_;
  uint64_t events_ = 0;
  bool finished_ = false;
  // The previous event's values, which the next one's are written against.
  uint64_t step_ = 0, pc_ = 0, sp_ = 0;
  uint32_t depth_ = 0;
  int64_t goid_ = -1;
  std::string stack_;
  size_t frames_ = 0;
};

}  // namespace goemu::trace
