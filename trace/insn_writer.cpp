#include "trace/insn_writer.h"

#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {

InsnWriter::InsnWriter(const CodeIndex& code, FrameTracer& tracer, OutputBuffer& out, bool json)
    : code_(code),
      tracer_(tracer),
      tracer_interest_(tracer.interest()),
      out_(out),
      json_(json),
      cache_(new Cached[kCacheSize]) {}

void InsnWriter::Start(const emu::Machine& machine) {
  gpr_ = machine.cpu().gpr;
  rflags_ = machine.cpu().rflags;
}

const InsnWriter::Cached& InsnWriter::Describe(const emu::Machine& machine, const emu::RetiredInsn& insn) {
  Cached& c = cache_[(insn.pc ^ (insn.pc >> 12)) % kCacheSize];
  uint8_t bytes[16] = {};
  const size_t n = std::min<size_t>(insn.length, sizeof bytes);
  const bool readable = machine.memory().Peek(insn.pc, bytes, n);
  if (c.pc == insn.pc && c.length == n && std::memcmp(c.bytes, bytes, n) == 0) return c;
  c.pc = insn.pc;
  c.length = static_cast<uint8_t>(n);
  std::memcpy(c.bytes, bytes, n);
  fmt::memory_buffer t;
  const isa::Instruction* src = code_.InsnAt(insn.pc);
  const std::string_view text = src != nullptr ? std::string_view(src->text) : std::string_view("?");
  auto append = [&t](std::string_view s) { t.append(s.data(), s.data() + s.size()); };
  if (json_) {
    append(",\"event\":\"insn\",\"pc\":\"");
    AppendHex(t, insn.pc);
    append("\",\"sym\":\"");
    code_.AppendSymbolized(t, insn.pc);
    append("\",\"bytes\":\"");
  } else {
    t.push_back(' ');
    AppendHex(t, insn.pc);
    t.push_back(' ');
    code_.AppendSymbolized(t, insn.pc);
    t.push_back(' ');
  }
  for (size_t i = 0; readable && i < n; ++i) {
    t.push_back("0123456789abcdef"[bytes[i] >> 4]);
    t.push_back("0123456789abcdef"[bytes[i] & 0xf]);
  }
  if (json_) {
    append("\",\"text\":");
    AppendJsonString(t, text);
    append(",\"regs\":{");
  } else {
    t.push_back(' ');
    append(text);
  }
  c.text.assign(t.data(), t.size());
  return c;
}

void InsnWriter::AppendChanged(std::string_view name, uint64_t value, bool first) {
  if (json_) {
    if (!first) line_.push_back(',');
    line_.push_back('"');
    line_.append(name.data(), name.data() + name.size());
    line_.append(std::string_view("\":\""));
    AppendHex(line_, value);
    line_.push_back('"');
  } else {
    line_.append(first ? std::string_view("  ") : std::string_view(" "));
    line_.append(name.data(), name.data() + name.size());
    line_.push_back('=');
    AppendHex(line_, value);
  }
}

void InsnWriter::OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) {
  line_.clear();
  const fmt::format_int step(machine.retired());
  if (json_) {
    line_.append(std::string_view("{\"step\":"));
    line_.append(step.data(), step.data() + step.size());
  } else {
    AppendPadded(line_, std::string_view(step.data(), step.size()), 10, true);
  }
  const std::string& fixed = Describe(machine, insn).text;
  line_.append(fixed.data(), fixed.data() + fixed.size());
  const auto& cpu = machine.cpu();
  bool first = true;
  for (int r = 0; r < emu::kGprCount; ++r) {
    if (cpu.gpr[r] == gpr_[r]) continue;
    AppendChanged(emu::GprName(static_cast<emu::Gpr>(r)), cpu.gpr[r], first);
    first = false;
  }
  if (cpu.rflags != rflags_) AppendChanged("rflags", cpu.rflags, first);
  gpr_ = cpu.gpr;
  rflags_ = cpu.rflags;
  line_.append(json_ ? std::string_view("}}\n") : std::string_view("\n"));
  out_.Append(line_);
  // This observer asks for every store (kClassAll), so the tracer filters its own.
  if ((insn.classes & tracer_interest_) != 0 || insn.write_size != 0) tracer_.OnRetired(machine, insn);
}

}  // namespace goemu::trace
