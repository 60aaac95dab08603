#include "runtime_model/linux_syscalls.h"

#include <fmt/format.h>

#include <vector>

#include "runtime_model/layout.h"

namespace goemu::rt {
namespace {

// x86-64 Linux numbers and errno values the layer answers with.
constexpr uint64_t kSysWrite = Const("SYS_write");
constexpr uint64_t kSysExit = 60;
constexpr uint64_t kSysArchPrctl = Const("SYS_arch_prctl");
constexpr uint64_t kSysGettid = Const("SYS_gettid");
constexpr uint64_t kSysExitGroup = Const("SYS_exit_group");
constexpr uint64_t kArchSetFs = Const("ARCH_SET_FS");
constexpr uint64_t kArchGetFs = 0x1003;
constexpr uint64_t kFirstService = Const("goemuSvcStackalloc");
constexpr int64_t kEbadf = 9, kEfault = 14, kEinval = 22, kEnosys = 38;
// Linux caps one write at just under 2 GiB; goemu caps it lower, the guest sees a short write.
constexpr uint64_t kMaxWrite = 1 << 24;

struct CallName {
  uint64_t number;
  std::string_view name;
  int args;
};
constexpr CallName kCallNames[] = {
    {kSysWrite, "write", 3},         {kSysExit, "exit", 1},
    {kSysArchPrctl, "arch_prctl", 2}, {kSysGettid, "gettid", 0},
    {kSysExitGroup, "exit_group", 1},
    {Const("goemuSvcStackalloc"), "stackalloc", -1}, {Const("goemuSvcStackfree"), "stackfree", -1},
    {Const("goemuSvcMallocgc"), "mallocgc", -1},     {Const("goemuSvcMemmove"), "memmove", -1},
    {Const("goemuSvcMemclr"), "memclrNoHeapPointers", -1}, {Const("goemuSvcNanotime"), "nanotime", -1},
    {Const("goemuSvcTraceback"), "goemuTraceback", -1},
};

}  // namespace

std::string DescribeSyscall(const SyscallRecord& call) {
  std::string name = fmt::format("syscall_{}", call.number);
  int args = 3;
  for (const CallName& known : kCallNames) {
    if (known.number != call.number) continue;
    if (known.args < 0) return fmt::format("service {}", known.name);
    name = known.name;
    args = known.args;
  }
  std::string text = name + "(";
  for (int i = 0; i < args; ++i) text += fmt::format("{}{:#x}", i != 0 ? ", " : "", call.args[i]);
  const uint64_t magnitude = call.result < 0 ? 0 - static_cast<uint64_t>(call.result) : static_cast<uint64_t>(call.result);
  return text + fmt::format(") = {}{:#x}", call.result < 0 ? "-" : "", magnitude);
}

LinuxSyscalls::LinuxSyscalls(const isa::Image& image, emu::Memory& memory, OutputSink sink)
    : sink_(std::move(sink)), services_(image, memory, sink_) {}

emu::SyscallHandler::Outcome LinuxSyscalls::OnSyscall(emu::Machine& machine) {
  auto& regs = machine.cpu().gpr;
  const uint64_t number = regs[emu::kRax];
  last_ = SyscallRecord{number, {regs[emu::kRdi], regs[emu::kRsi], regs[emu::kRdx]}, 0};
  if (number >= kFirstService) {
    if (auto outcome = services_.Call(machine, number)) return *outcome;
  }
  int64_t result = 0;
  switch (number) {
    case kSysWrite:
      result = Write(machine, regs[emu::kRdi], regs[emu::kRsi], regs[emu::kRdx]);
      break;
    case kSysArchPrctl:
      result = ArchPrctl(machine, regs[emu::kRdi], regs[emu::kRsi]);
      break;
    case kSysGettid:
      result = static_cast<int64_t>(kGuestTid);
      break;
    case kSysExit:
    case kSysExitGroup:
      // One thread, so exit and exit_group both end the process; the status is the low byte.
      return Outcome{true, static_cast<int>(regs[emu::kRdi] & 0xff)};
    default:
      ++unimplemented_[number];
      result = -kEnosys;
  }
  last_.result = result;
  regs[emu::kRax] = static_cast<uint64_t>(result);
  return {};
}

int64_t LinuxSyscalls::Write(emu::Machine& machine, uint64_t fd, uint64_t buf, uint64_t count) {
  if (fd != 1 && fd != 2) return -kEbadf;
  std::vector<char> bytes(std::min(count, kMaxWrite));
  if (!machine.memory().Peek(buf, bytes.data(), bytes.size())) return -kEfault;
  sink_(static_cast<int>(fd), std::string_view(bytes.data(), bytes.size()));
  return static_cast<int64_t>(bytes.size());
}

int64_t LinuxSyscalls::ArchPrctl(emu::Machine& machine, uint64_t code, uint64_t addr) {
  if (code == kArchSetFs) {
    machine.cpu().fs_base = addr;
    return 0;
  }
  if (code == kArchGetFs) {
    try {
      machine.memory().Write<uint64_t>(addr, machine.cpu().fs_base);
    } catch (const emu::MemoryFault&) {
      return -kEfault;  // the kernel's put_user fails the call; it does not signal
    }
    return 0;
  }
  return -kEinval;
}

}  // namespace goemu::rt
