#include "tests/difftest/compare.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

#include "emulator/decoder.h"
#include "tests/difftest/case_rules.h"

namespace goemu::difftest {

namespace {

// What goemu's decoder says the case's instruction may write (emu::Decoder::Writes): the
// instruction trace compares only these registers after an instruction.
emu::RegisterWrites DecoderWrites(const TestCase& test) {
  static const emu::Decoder decoder;
  return decoder.Writes(test.insn.data(), test.insn_len);
}

// Faults agree when they are the same exception; the interpreter knows more
// (read vs write, unmapped vs protection) than a signal says reliably.
enum class FaultClass { kNone, kMemory, kDivide, kGeneral, kOpcode, kBreak, kOther };

FaultClass ClassOf(const std::optional<emu::FaultKind>& fault) {
  if (!fault) return FaultClass::kNone;
  switch (*fault) {
    case emu::FaultKind::kUnmappedRead: case emu::FaultKind::kUnmappedWrite:
    case emu::FaultKind::kUnmappedExecute: case emu::FaultKind::kProtectionRead:
    case emu::FaultKind::kProtectionWrite: case emu::FaultKind::kProtectionExecute:
      return FaultClass::kMemory;
    case emu::FaultKind::kDivideError: return FaultClass::kDivide;
    case emu::FaultKind::kGeneralProtection: return FaultClass::kGeneral;
    case emu::FaultKind::kInvalidOpcode: return FaultClass::kOpcode;
    case emu::FaultKind::kBreakpoint: return FaultClass::kBreak;
    default: return FaultClass::kOther;
  }
}

std::string FlagLetters(uint64_t flags) {
  static constexpr std::array<std::pair<uint64_t, const char*>, 7> kNames = {{
      {emu::kFlagCF, "CF"}, {emu::kFlagPF, "PF"}, {emu::kFlagAF, "AF"}, {emu::kFlagZF, "ZF"},
      {emu::kFlagSF, "SF"}, {emu::kFlagDF, "DF"}, {emu::kFlagOF, "OF"}}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (flags & bit) out += out.empty() ? name : fmt::format(" {}", name);
  }
  return out.empty() ? "-" : out;
}

std::string FaultText(const Outcome& o) {
  if (o.harness_error) return "harness error";
  return o.fault ? std::string(emu::FaultKindName(*o.fault)) : "-";
}

bool HasXmmOperand(const Form& form) {
  for (const OperandSpec& op : form.operands) {
    if (op.kind == OperandKind::kXmm) return true;
  }
  return false;
}

struct Table {
  std::string text;
  void Row(std::string_view name, std::string_view initial, std::string_view native, std::string_view emu,
           bool differs) {
    text += fmt::format("  {:<10} {:<22} {:<22} {:<22}{}\n", name, initial, native, emu,
                        differs ? fmt::format(" {}", kDiffMarker) : "");
  }
};

std::string Hex(uint64_t v) { return fmt::format("{:#018x}", v); }

void MemoryRows(Table& table, std::string_view name, const Window& initial, const Window& native,
                const Window& emu) {
  for (size_t row = 0; row < kWindowBytes; row += 8) {
    const bool changed = std::memcmp(&native[row], &emu[row], 8) != 0;
    const bool touched = std::memcmp(&initial[row], &native[row], 8) != 0 ||
                         std::memcmp(&initial[row], &emu[row], 8) != 0;
    if (!changed && !touched) continue;
    const auto word = [&](const Window& w) {
      uint64_t v;
      std::memcpy(&v, &w[row], 8);
      return Hex(v);
    };
    table.Row(fmt::format("{}+{:#05x}", name, row), word(initial), word(native), word(emu), changed);
  }
}

}  // namespace

uint64_t ComparedFlags(const TestCase& test) {
  return (emu::kStatusFlags | emu::kFlagDF) & ~static_cast<uint64_t>(test.undefined_flags);
}

std::vector<std::string> Differences(const TestCase& test, const Outcome& native, const Outcome& emu) {
  std::vector<std::string> out;
  if (native.harness_error) out.push_back("native");
  if (emu.harness_error) out.push_back("goemu");
  if (ClassOf(native.fault) != ClassOf(emu.fault)) out.push_back("fault");
  for (unsigned i = 0; i < emu::kGprCount; ++i) {
    if ((test.undefined_gprs >> i) & 1) continue;
    if (native.regs.gpr[i] != emu.regs.gpr[i]) out.emplace_back(emu::GprName(static_cast<emu::Gpr>(i)));
  }
  if ((native.regs.rflags ^ emu.regs.rflags) & ComparedFlags(test)) out.push_back("rflags");
  if (native.rip != emu.rip) out.push_back("rip");
  if (!native.fault && !native.harness_error) {
    const emu::RegisterWrites writes = DecoderWrites(test);
    for (unsigned i = 0; i < emu::kGprCount; ++i) {
      if (native.regs.gpr[i] != test.init.gpr[i] && ((writes.gprs >> i) & 1) == 0) {
        out.push_back(fmt::format("writes {}", emu::GprName(static_cast<emu::Gpr>(i))));
      }
    }
    if (native.regs.rflags != test.init.rflags && !writes.rflags) out.push_back("writes rflags");
  }
  for (unsigned i = 0; i < native.regs.xmm.size(); ++i) {
    if (native.regs.xmm[i] != emu.regs.xmm[i]) out.push_back(fmt::format("xmm{}", i));
  }
  for (size_t i = 0; i < kWindowBytes; ++i) {
    if (native.data[i] != emu.data[i]) out.push_back(fmt::format("data+{:#05x}", i));
    if (native.stack[i] != emu.stack[i]) out.push_back(fmt::format("stack+{:#05x}", i));
  }
  return out;
}

std::string MismatchReport(const TestCase& test, std::string_view replay, const Outcome& native,
                           const Outcome& emu) {
  const bool agree = Differences(test, native, emu).empty();
  std::string bytes;
  for (unsigned i = 0; i < test.insn_len; ++i) bytes += fmt::format("{:02x} ", test.insn[i]);
  std::string out = fmt::format("{} in '{}', case {} (replay: {})\n", agree ? "match" : "MISMATCH",
                                test.form->name, test.index, replay);
  out += fmt::format("  {:#x}: {:<45} {}\n", kInsnAddr, bytes, Disassemble(test.insn.data(), test.insn_len));
  const uint64_t undefined = (emu::kStatusFlags | emu::kFlagDF) & ~ComparedFlags(test);
  out += fmt::format("  not compared (undefined): flags {}{}\n", FlagLetters(undefined),
                     test.undefined_gprs ? fmt::format(", gpr mask {:#x}", test.undefined_gprs) : "");
  Table table;
  table.Row("", "initial", "native", "goemu", false);
  for (unsigned i = 0; i < emu::kGprCount; ++i) {
    const bool compared = ((test.undefined_gprs >> i) & 1) == 0;
    table.Row(emu::GprName(static_cast<emu::Gpr>(i)), Hex(test.init.gpr[i]), Hex(native.regs.gpr[i]),
              Hex(emu.regs.gpr[i]), compared && native.regs.gpr[i] != emu.regs.gpr[i]);
  }
  table.Row("rflags", Hex(test.init.rflags), Hex(native.regs.rflags), Hex(emu.regs.rflags),
            ((native.regs.rflags ^ emu.regs.rflags) & ComparedFlags(test)) != 0);
  table.Row("", FlagLetters(test.init.rflags), FlagLetters(native.regs.rflags), FlagLetters(emu.regs.rflags), false);
  table.Row("rip", Hex(kInsnAddr), Hex(native.rip), Hex(emu.rip), native.rip != emu.rip);
  table.Row("fault", "-", FaultText(native), FaultText(emu),
            ClassOf(native.fault) != ClassOf(emu.fault) || native.harness_error || emu.harness_error);
  for (unsigned i = 0; i < native.regs.xmm.size(); ++i) {
    const bool differs = native.regs.xmm[i] != emu.regs.xmm[i];
    if (!differs && !HasXmmOperand(*test.form)) continue;
    const auto half = [](const emu::Xmm& x) { return fmt::format("{:016x}{:016x}", x.hi, x.lo); };
    table.Row(fmt::format("xmm{}", i), half(test.init.xmm[i]), half(native.regs.xmm[i]), half(emu.regs.xmm[i]),
              differs);
  }
  MemoryRows(table, "data", test.data, native.data, emu.data);
  MemoryRows(table, "stack", test.stack, native.stack, emu.stack);
  out += table.text;
  const emu::RegisterWrites writes = DecoderWrites(test);
  std::string may_write;
  for (unsigned i = 0; i < emu::kGprCount; ++i) {
    if ((writes.gprs >> i) & 1) may_write += fmt::format(" {}", emu::GprName(static_cast<emu::Gpr>(i)));
  }
  if (writes.rflags) may_write += " rflags";
  out += fmt::format("  goemu's decoder says it may write:{}\n", may_write.empty() ? " nothing" : may_write);
  if (!native.note.empty()) out += fmt::format("  native: {}\n", native.note);
  if (!emu.note.empty()) out += fmt::format("  goemu:  {}\n", emu.note);
  return out;
}

}  // namespace goemu::difftest
