#include "trace/insn_writer.h"

#include "trace/event_format.h"

namespace goemu::trace {

InsnWriter::InsnWriter(const CodeIndex& code, FrameTracer& tracer, OutputBuffer& out, bool json)
    : code_(code), tracer_(tracer), tracer_interest_(tracer.interest()), out_(out), json_(json) {}

void InsnWriter::Start(const emu::Machine& machine) {
  gpr_ = machine.cpu().gpr;
  rflags_ = machine.cpu().rflags;
}

void InsnWriter::OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) {
  line_.clear();
  auto out = std::back_inserter(line_);
  const isa::Instruction* src = code_.InsnAt(insn.pc);
  const std::string_view text = src != nullptr ? std::string_view(src->text) : std::string_view("?");
  if (json_) {
    fmt::format_to(out, "{{\"step\":{},\"event\":\"insn\",\"pc\":\"{:#x}\",\"sym\":\"", machine.retired(), insn.pc);
    code_.AppendSymbolized(line_, insn.pc);
    line_.append(std::string_view("\",\"bytes\":\""));
  } else {
    fmt::format_to(out, "{:>10} {:#x} ", machine.retired(), insn.pc);
    code_.AppendSymbolized(line_, insn.pc);
    line_.push_back(' ');
  }
  uint8_t bytes[16];
  const size_t n = std::min<size_t>(insn.length, sizeof bytes);
  if (machine.memory().Peek(insn.pc, bytes, n)) {
    for (size_t i = 0; i < n; ++i) fmt::format_to(out, "{:02x}", bytes[i]);
  }
  if (json_) {
    line_.append(std::string_view("\",\"text\":"));
    AppendJsonString(line_, text);
    line_.append(std::string_view(",\"regs\":{"));
  } else {
    fmt::format_to(out, " {}", text);
  }
  const auto& cpu = machine.cpu();
  bool first = true;
  auto changed = [&](std::string_view name, uint64_t value) {
    if (json_) {
      fmt::format_to(out, "{}\"{}\":\"{:#x}\"", first ? "" : ",", name, value);
    } else {
      fmt::format_to(out, "{}{}={:#x}", first ? "  " : " ", name, value);
    }
    first = false;
  };
  for (int r = 0; r < emu::kGprCount; ++r) {
    if (cpu.gpr[r] != gpr_[r]) changed(emu::GprName(static_cast<emu::Gpr>(r)), cpu.gpr[r]);
  }
  if (cpu.rflags != rflags_) changed("rflags", cpu.rflags);
  gpr_ = cpu.gpr;
  rflags_ = cpu.rflags;
  line_.append(json_ ? std::string_view("}}\n") : std::string_view("\n"));
  out_.Append(line_);
  if (insn.classes & tracer_interest_) tracer_.OnRetired(machine, insn);
}

}  // namespace goemu::trace
