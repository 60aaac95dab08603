#include "trace/insn_writer.h"

#include <bit>
#include <cstring>

#include "trace/event_format.h"

namespace goemu::trace {
namespace {

// Room for a line but its fixed text: the step and every register changed (a register
// writes at most 30 bytes: a 16-byte prefix copy, then 18 hex bytes from its 11th at most).
constexpr size_t kLineRoom = 64 + (emu::kGprCount + 1) * 32;

}  // namespace

InsnWriter::InsnWriter(const CodeIndex& code, FrameTracer& tracer, OutputBuffer& out, bool json)
    : code_(code),
      tracer_(tracer),
      tracer_interest_(tracer.interest()),
      out_(out),
      json_(json),
      cache_(new Cached[kCacheSize]) {
  for (int r = 0; r < kReported; ++r) {
    const std::string_view name = r == kRflags ? std::string_view("rflags") : emu::GprName(static_cast<emu::Gpr>(r));
    for (const bool first : {false, true}) {
      Prefix& prefix = changed_prefix_[first][r];
      const auto end = json_ ? fmt::format_to_n(prefix.bytes, sizeof prefix.bytes, "{}\"{}\":\"", first ? "" : ",", name)
                             : fmt::format_to_n(prefix.bytes, sizeof prefix.bytes, "{}{}=", first ? "  " : " ", name);
      prefix.size = end.size;
    }
  }
}

void InsnWriter::Start(const emu::Machine& machine) {
  gpr_ = machine.cpu().gpr;
  rflags_ = machine.cpu().rflags;
}

void InsnWriter::Describe(Cached& c, const emu::Machine& machine, const emu::RetiredInsn& insn) {
  const size_t n = std::min<size_t>(insn.length, 16);
  uint8_t bytes[16] = {};
  const bool readable = machine.memory().Peek(insn.pc, bytes, n);
  c.pc = insn.pc;
  c.code_epoch = machine.memory().code_epoch();
  c.length = static_cast<uint8_t>(n);
  c.writes = machine.RegisterWritesAt(insn.pc);
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
}

char* InsnWriter::PutChanged(char* p, int reg, uint64_t value, bool first) const {
  const Prefix& prefix = changed_prefix_[first][reg];
  std::memcpy(p, prefix.bytes, sizeof prefix.bytes);
  p += prefix.size;
  p = PutHex(p, value);
  if (json_) *p++ = '"';
  return p;
}

// Inlined into OnRetired: as a call of its own it saved and restored registers on every line.
[[gnu::always_inline]] inline uint32_t InsnWriter::TakeChanged(emu::Machine& machine, const emu::RegisterWrites& writes) {
  // Mostly one or two registers: cheaper than comparing all sixteen, and RFLAGS is evaluated
  // (Machine::cpu) only when the instruction sets flags.
  emu::RegisterWrites compared = writes;
  if (!machine.observer_current()) [[unlikely]] {
    compared = emu::kWritesEverything;
    machine.MarkObserverCurrent();
  }
  const auto& gpr = machine.gpr();
  uint32_t changed = 0;
  for (uint32_t left = compared.gprs; left != 0; left &= left - 1) {
    const int r = std::countr_zero(left);
    changed |= static_cast<uint32_t>(gpr[r] != gpr_[r]) << r;
    gpr_[r] = gpr[r];
  }
  if (compared.rflags) {
    const uint64_t rflags = machine.cpu().rflags;
    changed |= static_cast<uint32_t>(rflags != rflags_) << kRflags;
    rflags_ = rflags;
  }
  return changed;
}

// Written in place (event_format.h): this runs for every instruction.
void InsnWriter::OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) {
  Cached& c = cache_[(insn.pc ^ (insn.pc >> 12)) % kCacheSize];
  if (c.pc != insn.pc || c.code_epoch != machine.memory().code_epoch() || c.length != std::min<uint8_t>(insn.length, 16))
      [[unlikely]] {
    Describe(c, machine, insn);
  }
  const std::string& fixed = c.text;
  char* p = out_.Reserve(kLineRoom + fixed.size());
  const size_t step_size = step_.Of(machine.retired()).size();
  if (json_) {
    p = Put(p, "{\"step\":");
  } else {  // right-aligned in ten columns
    p = PutSpaces(p, 10);
    p -= std::min<size_t>(step_size, 10);
  }
  p = step_.PutLast(p);
  p = Put(p, fixed);
  bool first = true;
  for (uint32_t changed = TakeChanged(machine, c.writes); changed != 0; changed &= changed - 1) {
    const int r = std::countr_zero(changed);
    const uint64_t value = r == kRflags ? rflags_ : gpr_[r];
    p = PutChanged(p, r, value, first);
    first = false;
  }
  p = Put(p, json_ ? std::string_view("}}\n") : std::string_view("\n"));
  out_.Commit(p);
  // write_size is set only for a store to the tracer's watch list, as when it observes alone.
  if ((insn.classes & tracer_interest_) != 0 || insn.write_size != 0) tracer_.OnRetired(machine, insn);
}

}  // namespace goemu::trace
