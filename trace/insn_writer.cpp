#include "trace/insn_writer.h"

#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {
namespace {

// Room for a line but its fixed text: the step and every register changed.
constexpr size_t kLineRoom = 64 + (emu::kGprCount + 1) * 32;

}  // namespace

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
  // The read TLB holds the code page nearly always; Peek is the page-table walk.
  uint64_t words[2];
  bool readable = machine.memory().TryRead(insn.pc, words[0]) && machine.memory().TryRead(insn.pc + 8, words[1]);
  if (readable) std::memcpy(bytes, words, n);
  else readable = machine.memory().Peek(insn.pc, bytes, n);
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

char* InsnWriter::PutChanged(char* p, std::string_view name, uint64_t value, bool first) const {
  if (json_) {
    if (!first) *p++ = ',';
    *p++ = '"';
    p = Put(p, name);
    p = Put(p, "\":\"");
    p = PutHex(p, value);
    *p++ = '"';
  } else {
    p = Put(p, first ? std::string_view("  ") : std::string_view(" "));
    p = Put(p, name);
    *p++ = '=';
    p = PutHex(p, value);
  }
  return p;
}

// Written in place (event_format.h): this runs for every instruction.
void InsnWriter::OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) {
  const std::string& fixed = Describe(machine, insn).text;
  char* p = out_.Reserve(kLineRoom + fixed.size());
  const fmt::format_int step(machine.retired());
  if (json_) {
    p = Put(p, "{\"step\":");
    p = Put(p, std::string_view(step.data(), step.size()));
  } else {
    p = PutPadded(p, std::string_view(step.data(), step.size()), 10, true);
  }
  p = Put(p, fixed);
  const auto& cpu = machine.cpu();
  bool first = true;
  for (int r = 0; r < emu::kGprCount; ++r) {
    if (cpu.gpr[r] == gpr_[r]) continue;
    p = PutChanged(p, emu::GprName(static_cast<emu::Gpr>(r)), cpu.gpr[r], first);
    first = false;
  }
  if (cpu.rflags != rflags_) p = PutChanged(p, "rflags", cpu.rflags, first);
  gpr_ = cpu.gpr;
  rflags_ = cpu.rflags;
  p = Put(p, json_ ? std::string_view("}}\n") : std::string_view("\n"));
  out_.Commit(p);
  // This observer asks for every store (kClassAll), so the tracer filters its own.
  if ((insn.classes & tracer_interest_) != 0 || insn.write_size != 0) tracer_.OnRetired(machine, insn);
}

}  // namespace goemu::trace
