// The binary trace's writer: each event as a compact record (binary_format.h), with every
// field a difference from the previous event's where that keeps it short and the frames as
// the change since the previous event (Event::frames_kept). `goemu render` reads it back.
// The writer must be its OutputBuffer's only user: it reserves room a block at a time and
// commits it when the block is full and at Finish.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trace/binary_format.h"
#include "trace/event.h"
#include "trace/output_buffer.h"

namespace goemu::trace {

// The call or return that nearly every event is, in the few values that describe it when
// the previous event's g, stack and frames are known: a call pushed one frame (to_func,
// entered at sp) onto from_func's at the CALL (pc); a return popped from_func's frame and
// went back to the return address (next_pc) in to_func's. Depth, g and stack follow.
struct PlainFlow {
  EventKind kind;  // kCall or kReturn
  uint64_t step, pc, next_pc, sp;
  uint32_t from_func, to_func;
};

class BinaryWriter : public EventSink {
 public:
  // Writes the header: the program's files (as `goemu render` will look for them) and the
  // fingerprint of the image they assembled to.
  BinaryWriter(const isa::Image& image, const std::vector<std::string>& program_files, OutputBuffer& out);
  void OnEvent(const Event& e, const emu::Machine& machine) override;
  // A plain call or return, as a binary::kPlain record (the general one when a value does
  // not fit it). The frame tracer's fast paths call it for the events whose g, stack and
  // frames below are the previous event's, in place of OnEvent.
  [[gnu::always_inline]] void OnPlainFlow(const PlainFlow& flow) {
    if (!TryPlain(flow)) [[unlikely]] PutPlainSlowly(flow);
  }
  // The bits of a kPlain record that a call or return site fixes: its kind, function (the
  // callee of a call, the returning function of a return) and pc; 0 when the function or
  // an address does not fit one. A site's bits can be worked out once (the frame tracer
  // keeps each described CALL's).
  static uint64_t PlainSiteBits(EventKind kind, uint32_t func, uint64_t pc, uint64_t next_pc) {
    const uint64_t code = binary::FuncCode(func);
    if (code > binary::kPlainMaxFunc || ((pc | next_pc) >> 32) != 0) return 0;
    return static_cast<uint8_t>(static_cast<uint8_t>(kind) | binary::kPlain) | code << 16 | pc << 32;
  }
  // OnPlainFlow's common case, inline: two stores and the values the next record is written
  // against. False, having written nothing, when a value does not fit a kPlain record or the
  // block is full; it makes no call, so a fast path that inlines it and leaves the rest to
  // OnPlainFlow out of line saves no registers for it.
  [[gnu::always_inline]] bool TryPlain(const PlainFlow& flow) {
    const uint32_t func = flow.kind == EventKind::kCall ? flow.to_func : flow.from_func;
    const uint64_t bits = PlainSiteBits(flow.kind, func, flow.pc, flow.next_pc);
    return bits != 0 && TryPlainAt(bits, flow.kind == EventKind::kCall, flow.step, flow.pc, flow.next_pc, flow.sp);
  }
  // TryPlain given the site's bits (PlainSiteBits, not 0).
  [[gnu::always_inline]] bool TryPlainAt(uint64_t site_bits, bool call, uint64_t step, uint64_t pc,
                                         uint64_t next_pc, uint64_t sp) {
    const uint64_t step_delta = step - step_;
    const int64_t sp_delta = static_cast<int64_t>(sp - sp_);
    if (step_delta > binary::kPlainMaxStep || sp_delta != static_cast<int32_t>(sp_delta) ||
        static_cast<size_t>(limit_ - cursor_) < binary::kPlainSize) [[unlikely]] {
      return false;
    }
    static_assert(std::endian::native == std::endian::little, "kPlain records are stored as little-endian words");
    const uint64_t head = site_bits | step_delta << 8;
    const uint64_t tail = next_pc | static_cast<uint64_t>(static_cast<uint32_t>(sp_delta)) << 32;
    char* const at = cursor_;  // held: the stores below may alias cursor_
    std::memcpy(at, &head, 8);
    std::memcpy(at + 8, &tail, 8);
    cursor_ = at + binary::kPlainSize;
    const size_t frames = call ? frames_ + 1 : frames_ - 1;
    Advance(step, pc, sp, static_cast<uint32_t>(frames), frames);
    return true;
  }
  // Writes the end record, which tells the reader the trace is whole.
  void Finish() override;

 private:
  // A string's number in the table; a new one goes out with its bytes after the number.
  char* PutString(char* p, std::string_view s);
  bool SameGAndStack(const Event& e) const;
  // e's record: popped frames gone since the previous event, then pushed new ones.
  void PutGeneral(const Event& e, size_t popped, std::span<const Frame> pushed);
  // A PlainFlow TryPlain declined: in a new block, or as a general record when a value does
  // not fit a kPlain one. Out of line: the Event it builds and the block it reserves would
  // make the fast paths save and restore registers.
  [[gnu::noinline, gnu::cold]] void PutPlainSlowly(const PlainFlow& flow);
  // After a record: the values the next one is written against, and the frame count.
  void Advance(uint64_t step, uint64_t pc, uint64_t sp, uint32_t depth, size_t frames) {
    step_ = step;
    pc_ = pc;
    sp_ = sp;
    depth_ = depth;
    frames_ = frames;
    ++events_;
  }
  char* PutDetails(char* p, const Event& e);

  // Where the next record goes, with room up to limit_ (reserved in out_, not yet committed).
  char* Room(size_t n) {
    if (static_cast<size_t>(limit_ - cursor_) < n) [[unlikely]] Refill(n);
    return cursor_;
  }
  // Commits what was written and reserves the next block of at least n bytes.
  [[gnu::noinline]] void Refill(size_t n);

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
