// goemu render: turns a binary trace (`goemu run --trace=calls --format binary`) into the
// text, jsonl or chrome trace the run would have written, byte for byte. The trace names the
// program's files as the run was given them; they are assembled again (relative paths from
// the current directory) for the symbols, and must assemble to the image the trace was
// recorded from.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "emulator/machine.h"
#include "runtime_model/program.h"
#include "trace/binary_format.h"
#include "trace/binary_reader.h"
#include "trace/code_index.h"
#include "trace/trace_output.h"

namespace goemu::cli {
namespace {

struct RenderFlags {
  std::string trace;
  std::string format = "text";
  std::string out;
  std::vector<std::string> program;
};

// The trace's bytes, mapped read-only. Pages already read are handed back as the reader
// moves on (Release), so a trace of hundreds of megabytes renders in a few megabytes of
// resident memory instead of the whole file's.
class MappedFile {
 public:
  bool Open(const std::string& path, std::string* error) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
      *error = fmt::format("cannot open {}: {}", path, std::strerror(errno));
      if (fd >= 0) close(fd);
      return false;
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ != 0) {
      void* data = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data == MAP_FAILED) {
        *error = fmt::format("cannot read {}: {}", path, std::strerror(errno));
        close(fd);
        return false;
      }
      data_ = static_cast<const uint8_t*>(data);
      madvise(data, size_, MADV_SEQUENTIAL);
    }
    close(fd);
    return true;
  }
  ~MappedFile() {
    if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
  }
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  // The reader is past offset and never reads before it again.
  void Release(size_t offset) {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t end = offset / page * page;
    if (end <= released_ + kReleaseStep) return;
    madvise(const_cast<uint8_t*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }

 private:
  static constexpr size_t kReleaseStep = 4 << 20;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};

int Render(const RenderFlags& flags) {
  std::string error;
  MappedFile file;
  if (!file.Open(flags.trace, &error)) {
    fmt::print(stderr, "goemu render: {}\n", error);
    return kExitInputError;
  }
  trace::BinaryTraceReader reader(file.bytes());
  trace::BinaryTraceHeader header;
  if (!reader.ReadHeader(&header)) {
    fmt::print(stderr, "goemu render: {}: {}\n", flags.trace, reader.error());
    return kExitInputError;
  }
  const std::vector<std::string>& files = flags.program.empty() ? header.files : flags.program;
  rt::BuildResult built = rt::BuildProgram(files);
  if (!built.ok()) {
    for (const isa::Diagnostic& d : built.diagnostics) std::fputs(d.Format().c_str(), stderr);
    fmt::print(stderr, "goemu render: {} names {} as its program; --program gives other files\n", flags.trace,
               fmt::join(header.files, " "));
    return kExitInputError;
  }
  if (trace::binary::ImageFingerprint(built.image) != header.fingerprint) {
    fmt::print(stderr,
               "goemu render: {} was recorded from a program that assembled differently than {} does now; "
               "render it with the files it was recorded from (--program)\n",
               flags.trace, fmt::join(files, " "));
    return kExitInputError;
  }
  const trace::CodeIndex code(built.image);
  auto out = trace::OpenTraceOutput(flags.out, &error);
  if (out == nullptr) {
    fmt::print(stderr, "goemu render: {}\n", error);
    return kExitInputError;
  }
  auto writer = trace::MakeEventWriter(flags.format, code, *out);
  // The writers take the machine the events happened on, for sinks that read it (diagrams,
  // which a binary trace does not record); these read only the events.
  emu::Memory memory;
  const emu::Machine machine(memory);
  const bool whole = reader.Replay(*writer, machine, static_cast<uint32_t>(built.image.symbols.size()),
                                   [&out, &file, &reader] {
                                     file.Release(reader.position());
                                     return !out->broken();
                                   });
  writer->Finish();
  out->Flush();
  if (const std::string write_error = trace::TraceWriteError(*out, flags.out); !write_error.empty()) {
    fmt::print(stderr, "goemu render: {}\n", write_error);
    return kExitInputError;
  }
  if (out->broken()) return kExitReaderGone;
  if (!whole) {
    fmt::print(stderr, "goemu render: {}: {} (rendered the {} events before it)\n", flags.trace, reader.error(),
               reader.events());
    return kExitInputError;
  }
  return kExitOk;
}

}  // namespace

void RegisterRender(CLI::App& app, CommandRunner& runner) {
  auto flags = std::make_shared<RenderFlags>();
  auto* cmd = app.add_subcommand(
      "render", "turn a binary trace (run --trace=calls --format binary) into text, jsonl or chrome");
  cmd->add_option("trace", flags->trace, "the binary trace file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", flags->format, "trace format: text, jsonl or chrome")
      ->check(CLI::IsMember({"text", "jsonl", "chrome"}));
  cmd->add_option("--trace-out", flags->out, "write the trace to this file instead of standard output");
  cmd->add_option("--program", flags->program,
                  "the program's .s files, when they are no longer where the trace says (same contents)")
      ->check(CLI::ExistingFile);
  cmd->callback([&runner, flags] { runner = [flags] { return Render(*flags); }; });
}

}  // namespace goemu::cli
