// Small formatting pieces every trace writer shares.
#pragma once
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace goemu::trace {

// The Linux/amd64 name of a syscall number the runtime uses ("write", "arch_prctl", ...);
// "" for others.
std::string_view LinuxSyscallName(int64_t number);

// Appends s as a JSON string literal (quotes included).
void AppendJsonString(fmt::memory_buffer& out, std::string_view s);

}  // namespace goemu::trace
