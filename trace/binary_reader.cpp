#include "trace/binary_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "trace/binary_format.h"

namespace goemu::trace {

// How often Replay asks whether to go on: often enough to stop soon after a reader of the
// output went away, rarely enough to cost nothing.
constexpr uint64_t kGoOnEvery = 4096;

bool BinaryTraceReader::Fail(std::string_view what) {
  if (error_.empty()) error_ = fmt::format("byte {}: {}", field_, what);
  return false;
}

bool BinaryTraceReader::Byte(uint8_t* value) {
  field_ = at_;
  return NextByte(value);
}

bool BinaryTraceReader::NextByte(uint8_t* value) {
  if (at_ >= bytes_.size()) {
    field_ = at_;
    return Fail("the trace ends in the middle of a record");
  }
  *value = bytes_[at_++];
  return true;
}

bool BinaryTraceReader::Varint(uint64_t* value) {
  field_ = at_;
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = 0;
    if (!NextByte(&b)) return false;
    result |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return Fail("a number longer than 10 bytes");
}

bool BinaryTraceReader::Signed(int64_t* value) {
  uint64_t raw;
  if (!Varint(&raw)) return false;
  *value = binary::UnZigZag(raw);
  return true;
}

bool BinaryTraceReader::Diff(uint64_t base, uint64_t* value) {
  int64_t diff;
  if (!Signed(&diff)) return false;
  *value = base + static_cast<uint64_t>(diff);
  return true;
}

bool BinaryTraceReader::Func(uint32_t* func) {
  uint64_t code;
  if (!Varint(&code)) return false;
  if (code > func_count_) return Fail(fmt::format("a function number below {}", func_count_ + 1));
  *func = binary::FuncFromCode(code);
  return true;
}

bool BinaryTraceReader::String(std::string_view* s) {
  uint64_t id;
  if (!Varint(&id)) return false;
  if (id < strings_.size()) {
    *s = strings_[id];
    return true;
  }
  if (id > strings_.size()) return Fail(fmt::format("a string number up to {}", strings_.size()));
  uint64_t size;
  if (!Varint(&size)) return false;
  if (size > bytes_.size() - at_) return Fail("a string longer than the rest of the trace");
  const char* data = reinterpret_cast<const char*>(bytes_.data() + at_);
  at_ += size;
  *s = strings_.emplace_back(data, size);
  return true;
}

bool BinaryTraceReader::ReadHeader(BinaryTraceHeader* header) {
  const std::string_view magic = binary::kMagic;
  field_ = 0;
  if (bytes_.size() < magic.size() || !std::equal(magic.begin(), magic.end(), bytes_.begin())) {
    return Fail("not a goemu binary trace (it starts with \"goemu binary trace\")");
  }
  at_ = magic.size();
  if (!Varint(&header->version)) return false;
  if (header->version != binary::kVersion) {
    return Fail(fmt::format("version {} (this goemu reads version {})", header->version, binary::kVersion));
  }
  uint64_t files;
  if (!Varint(&files)) return false;
  if (files > bytes_.size() - at_) return Fail("a file count larger than the trace");
  for (uint64_t i = 0; i < files; ++i) {
    uint64_t size;
    if (!Varint(&size)) return false;
    if (size > bytes_.size() - at_) return Fail("a file name longer than the rest of the trace");
    header->files.emplace_back(reinterpret_cast<const char*>(bytes_.data() + at_), size);
    at_ += size;
  }
  header->fingerprint = 0;
  for (int i = 0; i < 8; ++i) {
    uint8_t b = 0;
    if (!NextByte(&b)) return false;
    header->fingerprint |= static_cast<uint64_t>(b) << (8 * i);
  }
  return true;
}

bool BinaryTraceReader::Replay(EventSink& sink, const emu::Machine& machine, uint32_t func_count,
                               const std::function<bool()>& go_on) {
  func_count_ = func_count;
  for (;;) {
    if (events_ % kGoOnEvery == 0 && !go_on()) return true;
    uint8_t tag = 0;
    if (at_ == bytes_.size()) {
      field_ = at_;
      return Fail(fmt::format("the end record after event {} (the trace was cut short)", events_));
    }
    if (!Byte(&tag)) return false;
    if (tag == binary::kEndTag) {
      uint64_t count;
      if (!Varint(&count)) return false;
      if (count != events_) {
        return Fail(fmt::format("an end record counting {} events where {} were read", count, events_));
      }
      if (at_ != bytes_.size()) {
        field_ = at_;
        return Fail("the end of the trace after its end record");
      }
      return true;
    }
    Event e;
    if (!ReadEvent(tag, &e)) return false;
    ++events_;
    sink.OnEvent(e, machine);
  }
}

bool BinaryTraceReader::ReadEvent(uint8_t tag, Event* e) {
  const uint8_t kind = tag & binary::kKindMask;
  const bool plain = (tag & binary::kPlain) != 0;
  const bool known_flags = plain ? (tag & ~(binary::kKindMask | binary::kPlain)) == 0
                                 : (tag & ~(binary::kKindMask | binary::kGAndStack | binary::kFrames)) == 0;
  const bool known_kind =
      plain ? kind == static_cast<uint8_t>(EventKind::kCall) || kind == static_cast<uint8_t>(EventKind::kReturn)
            : kind < kEventKindCount;
  if (!known_flags || !known_kind) return Fail(fmt::format("an event tag, not {:#04x}", tag));
  e->kind = static_cast<EventKind>(kind);
  if (plain ? !ReadPlain(e) : !ReadGeneral(tag, e)) return false;
  e->goid = goid_;
  e->stack = stack_;
  e->frames = frames_;
  step_ = e->step;
  pc_ = e->pc;
  sp_ = e->sp;
  depth_ = e->depth;
  return true;
}

bool BinaryTraceReader::ReadPlain(Event* e) {
  const size_t rest = binary::kPlainSize - 1;  // the tag is read
  field_ = at_ - 1;  // errors name the record
  if (bytes_.size() - at_ < rest) return Fail("the trace ends in the middle of a record");
  const uint8_t* record = bytes_.data() + field_;
  // The little-endian field of size bytes at offset at of the record.
  auto field = [record](int at, int size) {
    uint64_t v = 0;
    for (int i = size - 1; i >= 0; --i) v = v << 8 | record[at + i];
    return v;
  };
  e->step = step_ + field(1, 1);
  const uint64_t code = field(2, 2);
  e->pc = field(4, 4);
  e->next_pc = field(8, 4);
  e->sp = sp_ + static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(field(12, 4))));
  if (code > func_count_) return Fail(fmt::format("a function number below {}", func_count_ + 1));
  at_ += rest;
  const uint32_t func = binary::FuncFromCode(code);
  if (e->kind == EventKind::kCall) {
    if (frames_.empty()) return Fail("a call with a caller's frame");
    e->from_func = frames_.back().func;
    e->to_func = func;
    e->site = e->pc;
    frames_.push_back(Frame{.entry_sp = e->sp, .func = func});
  } else {
    if (frames_.size() < 2) return Fail("a return with a caller's frame");
    frames_.pop_back();
    e->from_func = func;
    e->to_func = frames_.back().func;
    e->site = e->next_pc;
  }
  e->depth = static_cast<uint32_t>(frames_.size());
  return true;
}

bool BinaryTraceReader::ReadGeneral(uint8_t tag, Event* e) {
  uint64_t step_diff;
  if (!Varint(&step_diff) || !Diff(pc_, &e->pc) || !Diff(e->pc, &e->next_pc) || !Diff(sp_, &e->sp)) return false;
  e->step = step_ + step_diff;
  int64_t depth_diff;
  if (!Signed(&depth_diff)) return false;
  const int64_t depth = static_cast<int64_t>(depth_) + depth_diff;
  if (depth < 0 || depth > UINT32_MAX) return Fail("a depth that is no frame count");
  e->depth = static_cast<uint32_t>(depth);
  if ((tag & binary::kGAndStack) && (!Signed(&goid_) || !String(&stack_))) return false;
  if ((tag & binary::kFrames) && !ReadFrames(e->sp)) return false;
  return ReadDetails(e);
}

bool BinaryTraceReader::ReadFrames(uint64_t sp) {
  uint64_t popped, pushed;
  if (!Varint(&popped)) return false;
  if (popped > frames_.size()) return Fail(fmt::format("at most {} frames popped", frames_.size()));
  if (!Varint(&pushed)) return false;
  // Each pushed frame takes at least two bytes.
  if (pushed > (bytes_.size() - at_) / 2) return Fail("more pushed frames than the rest of the trace holds");
  frames_.resize(frames_.size() - popped);
  for (uint64_t i = 0; i < pushed; ++i) {
    Frame f;
    if (!Func(&f.func) || !Diff(sp, &f.entry_sp)) return false;
    frames_.push_back(f);
  }
  return true;
}

bool BinaryTraceReader::ReadDetails(Event* e) {
  switch (e->kind) {
    case EventKind::kCall:
    case EventKind::kReturn:
    case EventKind::kTailJump: return Func(&e->from_func) && Func(&e->to_func) && Diff(e->pc, &e->site);
    case EventKind::kStackSwitch: return String(&e->from_stack);
    case EventKind::kGSwitch: return Signed(&e->old_goid) && Varint(&e->old_g_ptr) && Varint(&e->g_ptr);
    case EventKind::kRetaddrRewrite: return Varint(&e->slot) && Varint(&e->old_value) && Varint(&e->new_value);
    case EventKind::kStackGrow:
      return Varint(&e->old_bounds.lo) && Varint(&e->old_bounds.hi) && Varint(&e->new_bounds.lo) &&
             Varint(&e->new_bounds.hi);
    case EventKind::kSyscall:
      if (!Signed(&e->sysno) || !String(&e->sysname)) return false;
      for (uint64_t& arg : e->sysargs) {
        if (!Varint(&arg)) return false;
      }
      return Varint(&e->result);
    case EventKind::kFault: return String(&e->fault_kind) && Varint(&e->fault_addr);
    case EventKind::kExit: {
      int64_t code;
      if (!Signed(&code)) return false;
      if (code < INT32_MIN || code > INT32_MAX) return Fail("an exit status");
      e->exit_code = static_cast<int>(code);
      return true;
    }
  }
  return false;
}

}  // namespace goemu::trace
