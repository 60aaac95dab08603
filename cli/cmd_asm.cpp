// goemu asm: assemble Go (Plan 9) amd64 files and print a `go tool asm -S` listing or JSON.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "isa/assembler.h"

namespace goemu::cli {
namespace {

struct AsmFlags {
  std::vector<std::string> files;
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::string go_version = "1.13";
  std::string goos = "linux";
  std::string package = "main";
  bool listing = false;
  bool json = false;
  bool link = false;
};

int RunAsm(const AsmFlags& flags) {
  isa::AssembleOptions options;
  options.go_version = flags.go_version == "1.19" ? isa::GoVersion::kGo119 : isa::GoVersion::kGo113;
  options.goos = flags.goos == "windows" ? isa::GoOs::kWindows : isa::GoOs::kLinux;
  options.package = flags.package;
  options.include_dirs = flags.include_dirs;
  for (const std::string& d : flags.defines) {
    size_t eq = d.find('=');
    options.defines.emplace_back(d.substr(0, eq), eq == std::string::npos ? "" : d.substr(eq + 1));
  }
  isa::AssembleResult result = isa::AssembleFiles(flags.files, options);
  if (!result.ok()) {
    for (const isa::Diagnostic& d : result.diagnostics) std::cerr << d.Format();
    return kExitInputError;
  }
  if (flags.link) {
    isa::LinkResult linked = isa::Link({result.object}, isa::LinkOptions{});
    if (!linked.ok()) {
      for (const isa::Diagnostic& d : linked.diagnostics) std::cerr << d.Format();
      return kExitInputError;
    }
  }
  if (flags.json) {
    std::cout << isa::FormatJson(result.object);
  } else if (flags.listing) {
    std::cout << isa::FormatListing(result.object, options);
  }
  return kExitOk;
}

}  // namespace

void RegisterAsm(CLI::App& app, CommandRunner& runner) {
  auto flags = std::make_shared<AsmFlags>();
  auto* cmd = app.add_subcommand("asm", "assemble Go (Plan 9) amd64 assembly; -S lists, --json for tools");
  // Not CLI::ExistingFile: the assembler reports every unusable file (missing, directory, FIFO,
  // binary, too large) itself, as an input error naming the file.
  cmd->add_option("files", flags->files, "input .s files")->required();
  // One value per -I / -D occurrence, so the file names after them stay positional.
  cmd->add_option("-I", flags->include_dirs, "directory searched by #include")->allow_extra_args(false);
  cmd->add_option("-D", flags->defines, "predefine NAME or NAME=VALUE")->allow_extra_args(false);
  cmd->add_option("--go", flags->go_version, "Go assembler version to reproduce")->check(CLI::IsMember({"1.13", "1.19"}));
  cmd->add_option("--goos", flags->goos, "TLS model: linux (1 instruction) or windows (2 instructions)")
      ->check(CLI::IsMember({"linux", "windows"}));
  cmd->add_option("-p", flags->package, "package name that ·name refers to");
  cmd->add_flag("-S", flags->listing, "print a go tool asm -S style listing");
  cmd->add_flag("--json", flags->json, "print the object as JSON");
  cmd->add_flag("--link", flags->link, "also link the files and report undefined symbols");
  cmd->callback([&runner, flags] { runner = [flags] { return RunAsm(*flags); }; });
}

}  // namespace goemu::cli
