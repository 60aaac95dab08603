#include "runtime_model/runtime_objects.h"

#include <fmt/format.h>

#include "runtime_model/go_asm_h.h"
#include "runtime_model/messages.h"
#include "runtime_model/runtime_sources.h"

namespace goemu::rt {

std::string RuntimeSourcePath(std::string_view name) {
  return fmt::format("runtime_model/asm/{}", name);
}

isa::IncludeProvider RuntimeIncludeProvider() {
  return [](std::string_view name) -> std::optional<std::string> {
    if (name == "go_asm.h") return GoAsmHeader();
    if (name == "textflag.h") return TextflagHeader();
    for (const EmbeddedFile& file : EmbeddedRuntimeFiles()) {
      if (file.name == name && name.ends_with(".h")) return std::string(file.text);
    }
    return std::nullopt;
  };
}

RuntimeObjects AssembleRuntime(isa::GoVersion go_version) {
  RuntimeObjects result;
  isa::AssembleOptions options;
  options.go_version = go_version;
  options.package = "runtime";
  options.include_provider = RuntimeIncludeProvider();
  auto take = [&](isa::AssembleResult&& assembled) {
    result.diagnostics.insert(result.diagnostics.end(), assembled.diagnostics.begin(),
                              assembled.diagnostics.end());
    result.objects.push_back(std::move(assembled.object));
  };
  for (const EmbeddedFile& file : EmbeddedRuntimeFiles()) {
    if (!file.name.ends_with(".s")) continue;
    take(isa::AssembleSource(RuntimeSourcePath(file.name), file.text, options));
  }
  take(isa::AssembleSource(RuntimeSourcePath("runtime_messages.s"), RuntimeMessagesAsm(), options));
  return result;
}

}  // namespace goemu::rt
