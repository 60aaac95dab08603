// Reads a binary trace (binary_format.h) back into Events, for `goemu render` to hand to
// the text, jsonl or chrome writer. The bytes come from a file anyone may hand over, so
// every read is bounds-checked and every number checked before it is used: a damaged
// trace gives an error naming the byte, never a crash.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "trace/event.h"

namespace goemu::trace {

struct BinaryTraceHeader {
  uint64_t version = 0;
  std::vector<std::string> files;  // the program's files as the run was given them
  uint64_t fingerprint = 0;        // binary::ImageFingerprint of what they assembled to
};

class BinaryTraceReader {
 public:
  explicit BinaryTraceReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  // false, with error() set, when the bytes are not a binary trace of a known version.
  bool ReadHeader(BinaryTraceHeader* header);
  // Hands every event after the header to sink, in order, until the end record (true) or
  // the first byte that does not decode (false, error()). Function indices must be below
  // func_count. go_on is asked every few thousand events; false stops early (true).
  bool Replay(EventSink& sink, const emu::Machine& machine, uint32_t func_count, const std::function<bool()>& go_on);

  // "byte N: what was expected there", N the offset of the field or record in the file.
  const std::string& error() const { return error_; }
  uint64_t events() const { return events_; }
  // The offset of the next byte to read; nothing before it is read again.
  size_t position() const { return at_; }

 private:
  bool Fail(std::string_view what);
  // A byte, which errors then name; the next byte of the field being read.
  bool Byte(uint8_t* value);
  bool NextByte(uint8_t* value);
  bool Varint(uint64_t* value);
  bool Signed(int64_t* value);
  // A value written as its difference from base.
  bool Diff(uint64_t base, uint64_t* value);
  bool Func(uint32_t* func);
  bool String(std::string_view* s);
  // The record after its tag byte.
  bool ReadEvent(uint8_t tag, Event* e);
  // What follows the common fields of a binary::kPlain record, and of any other.
  bool ReadPlain(Event* e);
  bool ReadGeneral(uint8_t tag, Event* e);
  bool ReadFrames(uint64_t sp);
  bool ReadDetails(Event* e);

  std::span<const uint8_t> bytes_;
  size_t at_ = 0;
  size_t field_ = 0;  // where the field being read starts: the byte an error names
  std::string error_;
  uint64_t events_ = 0;
  uint32_t func_count_ = 0;
  std::deque<std::string> strings_;  // a deque: string_views into it outlive later additions
  std::vector<Frame> frames_;        // the current event's frames (function and entry SP)
  // The previous event's values, which the next one's are read against.
  uint64_t step_ = 0, pc_ = 0, sp_ = 0;
  uint32_t depth_ = 0;
  int64_t goid_ = -1;
  std::string_view stack_ = "";  // not null: writers copy it, even when empty
};

}  // namespace goemu::trace
