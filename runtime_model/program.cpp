#include "runtime_model/program.h"

#include "runtime_model/object_codec.h"

namespace goemu::rt {
namespace {

// The runtime's objects for go_version: decoded from the build's cache for go1.13 (the same
// bytes a fresh assembly gives, runtime_objects_test.cpp), assembled otherwise.
RuntimeObjects RuntimeFor(isa::GoVersion go_version) {
  if (go_version != isa::GoVersion::kGo113) return AssembleRuntime(go_version);
  RuntimeObjects runtime;
  if (auto objects = DecodeObjects(CachedRuntimeBlob())) {
    runtime.objects = std::move(*objects);
  } else {
    isa::Diagnostic corrupt;
    corrupt.message = "goemu's embedded runtime objects are corrupt: rebuild goemu";
    runtime.diagnostics.push_back(std::move(corrupt));
  }
  return runtime;
}

}  // namespace

BuildResult BuildProgram(const std::vector<std::string>& paths, isa::GoVersion go_version) {
  BuildResult result;
  // The runtime first, as Go's linker places package runtime before main; runtime addresses
  // then stay the same whatever the program is.
  RuntimeObjects runtime = RuntimeFor(go_version);
  result.diagnostics = std::move(runtime.diagnostics);
  std::vector<isa::Object> objects = std::move(runtime.objects);

  isa::AssembleOptions options;
  options.go_version = go_version;
  options.include_provider = RuntimeIncludeProvider();
  options.package = "main";
  isa::AssembleResult program = isa::AssembleFiles(paths, options);
  result.diagnostics.insert(result.diagnostics.end(), program.diagnostics.begin(), program.diagnostics.end());
  objects.push_back(std::move(program.object));
  if (!result.ok()) return result;

  isa::LinkOptions link_options;
  link_options.require_entry = true;
  isa::LinkResult linked = isa::Link(objects, link_options);
  result.diagnostics = std::move(linked.diagnostics);
  result.image = std::move(linked.image);
  return result;
}

}  // namespace goemu::rt
