#include "trace/binary_writer.h"

#include <algorithm>

namespace goemu::trace {
namespace {

using binary::PutVarint;
using binary::ZigZag;

// Room for a record but its strings and pushed frames: the tag and at most 24 varints.
constexpr size_t kRecordRoom = 1 + 24 * binary::kMaxVarint;
// A pushed frame: its function and entry SP.
constexpr size_t kFrameRoom = 2 * binary::kMaxVarint;

char* PutSigned(char* p, int64_t value) { return PutVarint(p, ZigZag(value)); }
char* PutDiff(char* p, uint64_t value, uint64_t base) { return PutSigned(p, static_cast<int64_t>(value - base)); }

}  // namespace

BinaryWriter::BinaryWriter(const isa::Image& image, const std::vector<std::string>& program_files,
                           OutputBuffer& out)
    : out_(out) {
  size_t room = binary::kMagic.size() + 3 * binary::kMaxVarint + 8;
  for (const std::string& file : program_files) room += binary::kMaxVarint + file.size();
  char* p = std::copy(binary::kMagic.begin(), binary::kMagic.end(), Room(room));
  p = PutVarint(p, binary::kVersion);
  p = PutVarint(p, program_files.size());
  for (const std::string& file : program_files) {
    p = PutVarint(p, file.size());
    p = std::copy(file.begin(), file.end(), p);
  }
  const uint64_t fingerprint = binary::ImageFingerprint(image);
  for (int i = 0; i < 8; ++i) *p++ = static_cast<char>(fingerprint >> (8 * i));
  cursor_ = p;
}

char* BinaryWriter::PutString(char* p, std::string_view s) {
  auto it = std::find(strings_.begin(), strings_.end(), s);
  p = PutVarint(p, static_cast<uint64_t>(it - strings_.begin()));
  if (it != strings_.end()) return p;
  strings_.emplace_back(s);
  p = PutVarint(p, s.size());
  return std::copy(s.begin(), s.end(), p);
}

bool BinaryWriter::SameGAndStack(const Event& e) const { return e.goid == goid_ && e.stack == stack_; }

void BinaryWriter::PutPlainSlowly(const PlainFlow& flow) {
  Room(binary::kPlainSize);
  if (TryPlain(flow)) return;  // it fits: only the block was full
  const bool call = flow.kind == EventKind::kCall;
  const size_t frames = call ? frames_ + 1 : frames_ - 1;
  Event e;
  e.kind = flow.kind;
  e.step = flow.step;
  e.pc = flow.pc;
  e.next_pc = flow.next_pc;
  e.sp = flow.sp;
  e.goid = goid_;
  e.stack = stack_;
  e.depth = static_cast<uint32_t>(frames);
  e.from_func = flow.from_func;
  e.to_func = flow.to_func;
  e.site = call ? flow.pc : flow.next_pc;
  const Frame callee{.entry_sp = flow.sp, .func = flow.to_func};
  PutGeneral(e, call ? 0 : 1, call ? std::span<const Frame>(&callee, 1) : std::span<const Frame>());
  Advance(e.step, e.pc, e.sp, e.depth, frames);
}

void BinaryWriter::OnEvent(const Event& e, const emu::Machine&) {
  // Frames the reader holds: the tracer's count of unchanged ones cannot exceed them unless
  // events reached it past this writer; then the extra ones are sent again.
  const size_t kept = std::min<size_t>(e.frames_kept, frames_);
  PutGeneral(e, frames_ - kept, e.frames.subspan(kept));
  Advance(e.step, e.pc, e.sp, e.depth, e.frames.size());
}

void BinaryWriter::Refill(size_t n) {
  if (cursor_ != nullptr) out_.Commit(cursor_);
  const size_t block = std::max(n, kBlock);
  cursor_ = out_.Reserve(block);
  limit_ = cursor_ + block;
}


// The tag, the common fields as differences, the depth, then the optional parts the tag
// announces and the kind's details.
void BinaryWriter::PutGeneral(const Event& e, size_t popped, std::span<const Frame> pushed) {
  const size_t strings = e.stack.size() + e.from_stack.size() + e.sysname.size() + e.fault_kind.size();
  char* p = Room(kRecordRoom + strings + pushed.size() * kFrameRoom);
  const bool g_and_stack = !SameGAndStack(e);
  uint8_t tag = static_cast<uint8_t>(e.kind);
  if (g_and_stack) tag |= binary::kGAndStack;
  if (!pushed.empty() || popped != 0) tag |= binary::kFrames;
  *p = static_cast<char>(tag);
  p = PutVarint(p + 1, e.step - step_);
  p = PutDiff(p, e.pc, pc_);
  p = PutDiff(p, e.next_pc, e.pc);
  p = PutDiff(p, e.sp, sp_);
  p = PutSigned(p, static_cast<int64_t>(e.depth) - static_cast<int64_t>(depth_));
  if (g_and_stack) {
    p = PutSigned(p, e.goid);
    p = PutString(p, e.stack);
    goid_ = e.goid;
    stack_.assign(e.stack);
  }
  if (tag & binary::kFrames) {
    p = PutVarint(p, popped);
    p = PutVarint(p, pushed.size());
    for (const Frame& f : pushed) {
      p = PutVarint(p, binary::FuncCode(f.func));
      p = PutDiff(p, f.entry_sp, e.sp);
    }
  }
  cursor_ = PutDetails(p, e);
}

char* BinaryWriter::PutDetails(char* p, const Event& e) {
  switch (e.kind) {
    case EventKind::kCall:
    case EventKind::kReturn:
    case EventKind::kTailJump:
      p = PutVarint(p, binary::FuncCode(e.from_func));
      p = PutVarint(p, binary::FuncCode(e.to_func));
      return PutDiff(p, e.site, e.pc);
    case EventKind::kStackSwitch: return PutString(p, e.from_stack);
    case EventKind::kGSwitch:
      p = PutSigned(p, e.old_goid);
      p = PutVarint(p, e.old_g_ptr);
      return PutVarint(p, e.g_ptr);
    case EventKind::kRetaddrRewrite:
      p = PutVarint(p, e.slot);
      p = PutVarint(p, e.old_value);
      return PutVarint(p, e.new_value);
    case EventKind::kStackGrow:
      p = PutVarint(p, e.old_bounds.lo);
      p = PutVarint(p, e.old_bounds.hi);
      p = PutVarint(p, e.new_bounds.lo);
      return PutVarint(p, e.new_bounds.hi);
    case EventKind::kSyscall:
      p = PutSigned(p, e.sysno);
      p = PutString(p, e.sysname);
      for (uint64_t arg : e.sysargs) p = PutVarint(p, arg);
      return PutVarint(p, e.result);
    case EventKind::kFault:
      p = PutString(p, e.fault_kind);
      return PutVarint(p, e.fault_addr);
    case EventKind::kExit: return PutSigned(p, e.exit_code);
  }
  return p;
}

void BinaryWriter::Finish() {
  if (finished_) return;
  finished_ = true;
  char* p = Room(1 + binary::kMaxVarint);
  *p++ = static_cast<char>(binary::kEndTag);
  out_.Commit(PutVarint(p, events_));
  cursor_ = limit_ = nullptr;
  out_.Flush();
}

}  // namespace goemu::trace
