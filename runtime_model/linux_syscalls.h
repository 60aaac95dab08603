// The guest's Linux: what a SYSCALL does under `goemu run`. The real system calls the runtime
// model makes (write, arch_prctl, gettid, exit, exit_group) behave as the kernel's do; numbers
// >= 0x10000 are goemu's host services (host_services.h); anything else answers -ENOSYS to
// the guest and is counted, so a report can say what a program asked for and did not get.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "runtime_model/host_services.h"

namespace goemu::rt {

// Where the guest's writes to fd 1 and fd 2 go.
using OutputSink = std::function<void(int fd, std::string_view bytes)>;

// The thread id gettid reports: a fixed value, so traces do not depend on the host.
inline constexpr uint64_t kGuestTid = 1;

// One SYSCALL as the layer saw it: number, the first three argument registers, the result.
struct SyscallRecord {
  uint64_t number = 0;
  uint64_t args[3] = {};
  int64_t result = 0;
};

// "arch_prctl(0x1002, 0x5a3198) = 0x0", or "service stackalloc" for a host service (its
// arguments are on the stack), or "syscall_999(...) = -0x26" for an unknown number.
std::string DescribeSyscall(const SyscallRecord& call);

class LinuxSyscalls : public emu::SyscallHandler {
 public:
  LinuxSyscalls(const isa::Image& image, emu::Memory& memory, OutputSink sink);

  Outcome OnSyscall(emu::Machine& machine) override;

  HostServices& services() { return services_; }
  // The most recent SYSCALL (for tracers, which see it only after it retired).
  const SyscallRecord& last() const { return last_; }
  // System call number -> how many times the guest made it and got -ENOSYS.
  const std::map<uint64_t, uint64_t>& unimplemented() const { return unimplemented_; }

 private:
  int64_t Write(emu::Machine& machine, uint64_t fd, uint64_t buf, uint64_t count);
  int64_t ArchPrctl(emu::Machine& machine, uint64_t code, uint64_t addr);

  OutputSink sink_;
  HostServices services_;
  std::map<uint64_t, uint64_t> unimplemented_;
  SyscallRecord last_;
};

}  // namespace goemu::rt
