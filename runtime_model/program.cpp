#include "runtime_model/program.h"

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

BuildResult BuildProgram(const std::vector<std::string>& paths, isa::GoVersion go_version) {
  BuildResult result;
  isa::AssembleOptions options;
  options.go_version = go_version;
  options.include_provider = RuntimeIncludeProvider();

  std::vector<isa::Object> objects;
  auto take = [&](isa::AssembleResult&& assembled) {
    result.diagnostics.insert(result.diagnostics.end(), assembled.diagnostics.begin(),
                              assembled.diagnostics.end());
    objects.push_back(std::move(assembled.object));
  };
  // The runtime first, as Go's linker places package runtime before main; runtime addresses
  // then stay the same whatever the program is.
  options.package = "runtime";
  for (const EmbeddedFile& file : EmbeddedRuntimeFiles()) {
    if (!file.name.ends_with(".s")) continue;
    take(isa::AssembleSource(RuntimeSourcePath(file.name), file.text, options));
  }
  take(isa::AssembleSource(RuntimeSourcePath("runtime_messages.s"), RuntimeMessagesAsm(), options));
  options.package = "main";
  take(isa::AssembleFiles(paths, options));
  if (!result.ok()) return result;

  isa::LinkOptions link_options;
  link_options.require_entry = true;
  isa::LinkResult linked = isa::Link(objects, link_options);
  result.diagnostics = std::move(linked.diagnostics);
  result.image = std::move(linked.image);
  return result;
}

}  // namespace goemu::rt
