// goemu exec: the instruction playground. Maps raw machine code, sets
// registers, runs until execution falls off the end of the bytes, and prints
// the final registers and flags (text, or one JSON object with --json).
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/run_stats.h"
#include "emulator/machine.h"

namespace goemu::cli {
namespace {

// Where the playground puts things. Fixed, so output is the same everywhere.
constexpr uint64_t kCodeBase = 0x400000;
constexpr uint64_t kStackTop = 0x7ffffff00000;
constexpr uint64_t kStackSize = 64 * 1024;
constexpr uint64_t kDataBase = 0x10000000;  // a scratch page range for memory operands
constexpr uint64_t kDataSize = 64 * 1024;

struct ExecOptions {
  std::string hex;
  std::vector<std::string> sets;
  uint64_t max_steps = 1'000'000;
  bool json = false;
  bool stats = false;
};

std::optional<std::vector<uint8_t>> ParseHex(const std::string& text, std::string& error) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      error = fmt::format("--hex: '{}' is not a hex digit", c);
      return std::nullopt;
    }
    digits += c;
  }
  if (digits.empty() || digits.size() % 2 != 0) {
    error = "--hex: expected a non-empty even number of hex digits, e.g. \"48 01 d8\"";
    return std::nullopt;
  }
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < digits.size(); i += 2) {
    bytes.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// Accepts decimal, 0x hex, and a leading '-' (two's complement).
std::optional<uint64_t> ParseValue(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return negative ? (~value + 1) : value;
}

std::string FlagNames(uint64_t rflags) {
  static constexpr std::pair<uint64_t, const char*> kNames[] = {
      {emu::kFlagCF, "CF"}, {emu::kFlagPF, "PF"}, {emu::kFlagAF, "AF"}, {emu::kFlagZF, "ZF"},
      {emu::kFlagSF, "SF"}, {emu::kFlagTF, "TF"}, {emu::kFlagIF, "IF"}, {emu::kFlagDF, "DF"},
      {emu::kFlagOF, "OF"}};
  std::string out;
  for (auto [bit, name] : kNames) {
    if (rflags & bit) out += out.empty() ? name : fmt::format(" {}", name);
  }
  return out;
}

std::string_view StopName(emu::StopReason reason) {
  switch (reason) {
    case emu::StopReason::kEnd: return "end";
    case emu::StopReason::kExit: return "exit";
    case emu::StopReason::kFault: return "fault";
    case emu::StopReason::kMaxSteps: return "max-steps";
  }
  return "unknown";
}

// The playground's Linux: exit and exit_group end the run, write reaches the
// host's stdout/stderr, everything else answers -ENOSYS.
class PlaygroundSyscalls : public emu::SyscallHandler {
 public:
  Outcome OnSyscall(emu::Machine& machine) override {
    auto& regs = machine.cpu().gpr;
    constexpr uint64_t kWrite = 1, kExit = 60, kExitGroup = 231, kEnosys = 38;
    switch (regs[emu::kRax]) {
      case kExit:
      case kExitGroup:
        return Outcome{true, static_cast<int>(regs[emu::kRdi])};
      case kWrite: {
        const uint64_t fd = regs[emu::kRdi], size = regs[emu::kRdx];
        std::vector<uint8_t> buffer(std::min<uint64_t>(size, 1 << 20));
        if ((fd != 1 && fd != 2) || !machine.memory().Peek(regs[emu::kRsi], buffer.data(), buffer.size())) {
          regs[emu::kRax] = static_cast<uint64_t>(-14);  // EFAULT / EBADF alike for the playground
          return {};
        }
        std::fwrite(buffer.data(), 1, buffer.size(), fd == 1 ? stdout : stderr);
        regs[emu::kRax] = buffer.size();
        return {};
      }
      default:
        regs[emu::kRax] = static_cast<uint64_t>(-static_cast<int64_t>(kEnosys));
        return {};
    }
  }
};

void PrintText(const emu::Machine& machine, const emu::RunResult& result) {
  const auto& cpu = machine.cpu();
  for (int i = 0; i < emu::kGprCount; i += 2) {
    fmt::print("{:<4}{:#018x}    {:<4}{:#018x}\n", emu::GprName(static_cast<emu::Gpr>(i)), cpu.gpr[i],
               emu::GprName(static_cast<emu::Gpr>(i + 1)), cpu.gpr[i + 1]);
  }
  fmt::print("rip {:#018x}\n", cpu.rip);
  fmt::print("rflags {:#x} [{}]\n", cpu.rflags, FlagNames(cpu.rflags));
  fmt::print("steps {}\nstop {}\n", result.steps, StopName(result.reason));
  if (result.fault) fmt::print("fault: {}\n", emu::DescribeFault(*result.fault));
  if (result.reason == emu::StopReason::kExit) fmt::print("exit code {}\n", result.exit_code);
}

void PrintJson(const emu::Machine& machine, const emu::RunResult& result) {
  const auto& cpu = machine.cpu();
  nlohmann::ordered_json out;
  for (int i = 0; i < emu::kGprCount; ++i) {
    out[std::string(emu::GprName(static_cast<emu::Gpr>(i)))] = fmt::format("{:#x}", cpu.gpr[i]);
  }
  out["rip"] = fmt::format("{:#x}", cpu.rip);
  out["rflags"] = fmt::format("{:#x}", cpu.rflags);
  out["steps"] = result.steps;
  out["stop"] = StopName(result.reason);
  if (result.fault) {
    out["fault"] = {{"kind", emu::FaultKindName(result.fault->kind)},
                    {"pc", fmt::format("{:#x}", result.fault->pc)},
                    {"address", fmt::format("{:#x}", result.fault->address)},
                    {"message", emu::DescribeFault(*result.fault)}};
  }
  if (result.reason == emu::StopReason::kExit) out["exit_code"] = result.exit_code;
  fmt::print("{}\n", out.dump());
}

int RunExec(const ExecOptions& options) {
  std::string error;
  auto code = ParseHex(options.hex, error);
  if (!code) {
    fmt::print(stderr, "goemu exec: {}\n", error);
    return kExitInputError;
  }
  emu::Memory memory;
  emu::Machine machine(memory);
  const uint64_t code_size = (code->size() + emu::kPageMask) & ~emu::kPageMask;
  memory.Map(kCodeBase, code_size, emu::kPermRX, "code");
  memory.Poke(kCodeBase, code->data(), code->size());
  memory.Map(kStackTop - kStackSize, kStackSize, emu::kPermRW, "stack");
  memory.Map(kDataBase, kDataSize, emu::kPermRW, "data");
  auto& cpu = machine.cpu();
  cpu.rip = kCodeBase;
  cpu.gpr[emu::kRsp] = kStackTop - 256;
  for (const std::string& set : options.sets) {
    const size_t eq = set.find('=');
    const auto value = eq == std::string::npos ? std::nullopt : ParseValue(std::string_view(set).substr(eq + 1));
    if (!value || !emu::SetNamedRegister(cpu, set.substr(0, eq), *value)) {
      fmt::print(stderr, "goemu exec: --set {}: expected REG=VALUE with REG one of rax..r15, rip, rflags, "
                         "fs_base, gs_base, xmm0..xmm15 and VALUE decimal or 0x-hex\n", set);
      return kExitUsage;
    }
  }
  PlaygroundSyscalls syscalls;
  machine.SetSyscallHandler(&syscalls);
  RunStats stats;
  const emu::RunResult result = machine.Run({options.max_steps, kCodeBase + code->size()});
  stats.Finish(machine);
  if (options.json) PrintJson(machine, result);
  else PrintText(machine, result);
  if (options.stats) stats.Print(stderr);
  switch (result.reason) {
    case emu::StopReason::kEnd: return kExitOk;
    case emu::StopReason::kExit: return result.exit_code;
    case emu::StopReason::kFault: return kExitGuestFault;
    case emu::StopReason::kMaxSteps: return kExitMaxSteps;
  }
  return kExitOk;
}

}  // namespace

void RegisterExec(CLI::App& app, CommandRunner& runner) {
  auto options = std::make_shared<ExecOptions>();
  auto* cmd = app.add_subcommand("exec", "run raw machine code from a given register state");
  cmd->add_option("--hex", options->hex, "machine code bytes, e.g. \"48 01 d8\"")->required();
  cmd->add_option("--set", options->sets, "REG=VALUE, repeatable (registers start at 0, rflags at 0x202)");
  cmd->add_option("--max-steps", options->max_steps, "stop after this many instructions (default 1000000)");
  cmd->add_flag("--json", options->json, "print one JSON object");
  cmd->add_flag("--stats", options->stats, "print instructions, wall time and MIPS to stderr");
  cmd->callback([options, &runner] { runner = [options] { return RunExec(*options); }; });
}

}  // namespace goemu::cli
