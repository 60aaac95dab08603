#include "trace/event_format.h"

#include <array>
#include <utility>

namespace goemu::trace {
namespace {

// Numbers from the Linux x86-64 syscall table (arch/x86/entry/syscalls/syscall_64.tbl).
constexpr std::array<std::pair<int64_t, std::string_view>, 28> kSyscalls = {{
    {0, "read"},          {1, "write"},          {3, "close"},          {9, "mmap"},
    {10, "mprotect"},     {11, "munmap"},        {12, "brk"},           {13, "rt_sigaction"},
    {14, "rt_sigprocmask"}, {24, "sched_yield"}, {28, "madvise"},       {35, "nanosleep"},
    {39, "getpid"},       {56, "clone"},         {60, "exit"},          {62, "kill"},
    {131, "sigaltstack"}, {158, "arch_prctl"},   {186, "gettid"},       {200, "tkill"},
    {201, "time"},        {202, "futex"},        {204, "sched_getaffinity"}, {228, "clock_gettime"},
    {231, "exit_group"},  {234, "tgkill"},       {257, "openat"},       {318, "getrandom"},
}};

}  // namespace

std::string_view LinuxSyscallName(int64_t number) {
  for (const auto& [n, name] : kSyscalls) {
    if (n == number) return name;
  }
  return "";
}

char* PutJsonString(char* p, std::string_view s) {
  *p++ = '"';
  for (const char c : s) {
    switch (c) {
      case '"': p = Put(p, "\\\""); break;
      case '\\': p = Put(p, "\\\\"); break;
      case '\n': p = Put(p, "\\n"); break;
      case '\t': p = Put(p, "\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          p = fmt::format_to(p, "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          *p++ = c;
        }
    }
  }
  *p++ = '"';
  return p;
}

void AppendJsonString(fmt::memory_buffer& out, std::string_view s) {
  const size_t at = out.size();
  out.resize(at + JsonStringBound(s.size()));
  out.resize(static_cast<size_t>(PutJsonString(out.data() + at, s) - out.data()));
}

}  // namespace goemu::trace
