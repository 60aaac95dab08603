// goemu::rt runtime messages: the constant strings the runtime asm prints or throws, from
// runtime_model/messages.inc, and the Go assembly that defines them as Go string variables.
#pragma once

#include <string>
#include <string_view>

namespace goemu::rt {

struct MessageInfo {
  std::string_view name;  // asm symbol runtime·<name>
  std::string_view text;
};

inline constexpr MessageInfo kMessages[] = {
#define GOEMU_MESSAGE(name, text) {#name, text},
#include "runtime_model/messages.inc"
#undef GOEMU_MESSAGE
};

// The text of runtime_messages.s: for each message a RODATA string header `runtime·<name>`
// {ptr, len} and its bytes in a file-local symbol. Assembled with the runtime package.
std::string RuntimeMessagesAsm();

}  // namespace goemu::rt
