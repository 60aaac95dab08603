#include "trace/chrome_writer.h"

#include "trace/event_format.h"

namespace goemu::trace {

ChromeWriter::ChromeWriter(const CodeIndex& code, OutputBuffer& out) : code_(code), out_(out) {
  out_.Append(std::string_view("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"format\":\"goemu-trace\",\"clock\":\"retired "
                               "instructions\"},\"traceEvents\":[\n"));
  out_.Append(std::string_view(
      "{\"name\":\"process_name\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":0,\"args\":{\"name\":\"goemu\"}}"));
}

ChromeWriter::Track& ChromeWriter::TrackFor(std::string_view stack, uint32_t* tid) {
  for (size_t i = 0; i < tracks_.size(); ++i) {
    if (tracks_[i].name == stack) {
      *tid = static_cast<uint32_t>(i + 1);
      return tracks_[i];
    }
  }
  tracks_.push_back(Track{std::string(stack), {}});
  *tid = static_cast<uint32_t>(tracks_.size());
  line_.clear();
  fmt::format_to(std::back_inserter(line_),
                 ",\n{{\"name\":\"thread_name\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":{},\"args\":{{\"name\":", *tid);
  AppendJsonString(line_, stack);
  line_.append(std::string_view("}}"));
  out_.Append(line_);
  return tracks_.back();
}

void ChromeWriter::Begin(uint32_t tid, std::string_view name, char ph, uint64_t ts) {
  line_.clear();
  line_.append(std::string_view(",\n{\"name\":"));
  AppendJsonString(line_, name);
  fmt::format_to(std::back_inserter(line_), ",\"cat\":\"frame\",\"ph\":\"{}\",\"ts\":{},\"pid\":1,\"tid\":{}}}", ph, ts,
                 tid);
  out_.Append(line_);
}

void ChromeWriter::Sync(Track& track, uint32_t tid, std::span<const Frame> frames, uint64_t ts) {
  // Frames change at the top: find the longest common prefix from there downwards.
  size_t common = std::min(track.open.size(), frames.size());
  while (common > 0 &&
         !(track.open[common - 1] == Slice{frames[common - 1].func, frames[common - 1].entry_sp})) {
    --common;
  }
  while (track.open.size() > common) {
    Begin(tid, code_.FuncName(track.open.back().func), 'E', ts);
    track.open.pop_back();
  }
  for (size_t i = common; i < frames.size(); ++i) {
    Begin(tid, code_.FuncName(frames[i].func), 'B', ts);
    track.open.push_back(Slice{frames[i].func, frames[i].entry_sp});
  }
}

void ChromeWriter::OnEvent(const Event& e, const emu::Machine&) {
  uint32_t tid = 0;
  Track& track = TrackFor(e.stack, &tid);
  last_ts_ = e.step;
  Sync(track, tid, e.frames, e.step);
  if (e.kind == EventKind::kCall || e.kind == EventKind::kReturn || e.kind == EventKind::kTailJump) return;
  line_.clear();
  auto out = std::back_inserter(line_);
  fmt::format_to(out, ",\n{{\"name\":\"{}\",\"cat\":\"event\",\"ph\":\"i\",\"s\":\"t\",\"ts\":{},\"pid\":1,\"tid\":{}",
                 EventName(e.kind), e.step, tid);
  fmt::format_to(out, ",\"args\":{{\"pc\":\"{:#x}\",\"g\":{}", e.pc, e.goid);
  switch (e.kind) {
    case EventKind::kStackSwitch:
      line_.append(std::string_view(",\"from_stack\":"));
      AppendJsonString(line_, e.from_stack);
      break;
    case EventKind::kGSwitch: fmt::format_to(out, ",\"old_g\":{}", e.old_goid); break;
    case EventKind::kRetaddrRewrite:
      fmt::format_to(out, ",\"slot\":\"{:#x}\",\"old\":\"{:#x}\",\"new\":\"{:#x}\",\"delta\":{}", e.slot, e.old_value,
                     e.new_value, static_cast<int64_t>(e.new_value - e.old_value));
      break;
    case EventKind::kStackGrow:
      fmt::format_to(out, ",\"old_lo\":\"{:#x}\",\"old_hi\":\"{:#x}\",\"new_lo\":\"{:#x}\",\"new_hi\":\"{:#x}\"",
                     e.old_bounds.lo, e.old_bounds.hi, e.new_bounds.lo, e.new_bounds.hi);
      break;
    case EventKind::kSyscall: fmt::format_to(out, ",\"nr\":{},\"name\":\"{}\"", e.sysno, e.sysname); break;
    case EventKind::kFault: fmt::format_to(out, ",\"kind\":\"{}\"", e.fault_kind); break;
    case EventKind::kExit: fmt::format_to(out, ",\"code\":{}", e.exit_code); break;
    default: break;
  }
  line_.append(std::string_view("}}"));
  out_.Append(line_);
}

void ChromeWriter::Finish() {
  if (finished_) return;
  finished_ = true;
  // Close every slice still open so each track nests properly.
  for (size_t i = 0; i < tracks_.size(); ++i) Sync(tracks_[i], static_cast<uint32_t>(i + 1), {}, last_ts_);
  out_.Append(std::string_view("\n]}\n"));
  out_.Flush();
}

}  // namespace goemu::trace
