// libFuzzer target for `goemu render`'s reader: the input is a binary trace file, header
// included, replayed into the text, jsonl and chrome writers against programs/defer.s's code
// (the header's files and fingerprint are read, not checked: render checks those before it
// replays, and the replay must survive any bytes after a matching header too).
//
// Checks beyond "no crash, no sanitizer report": a replay that fails names a byte inside the
// input, and one that succeeds read an end record.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "emulator/machine.h"
#include "fuzz/defer_program.h"
#include "trace/binary_reader.h"
#include "trace/code_index.h"
#include "trace/output_buffer.h"
#include "trace/trace_output.h"

namespace {

void CheckError(const std::string& error, size_t size) {
  if (!error.starts_with("byte ")) std::abort();
  if (std::strtoull(error.c_str() + 5, nullptr, 10) > size) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const goemu::trace::CodeIndex code(goemu::fuzz::DeferProgram());
  static goemu::emu::Memory memory;
  static const goemu::emu::Machine machine(memory);
  for (const char* format : {"text", "jsonl", "chrome"}) {
    goemu::trace::BinaryTraceReader reader(std::span(data, size));
    goemu::trace::BinaryTraceHeader header;
    if (!reader.ReadHeader(&header)) {
      CheckError(reader.error(), size);
      return 0;
    }
    std::string captured;
    goemu::trace::OutputBuffer out(&captured);
    auto writer = goemu::trace::MakeEventWriter(format, code, out);
    const auto functions = static_cast<uint32_t>(goemu::fuzz::DeferProgram().symbols.size());
    const bool whole = reader.Replay(*writer, machine, functions, [] { return true; });
    writer->Finish();
    if (!whole) CheckError(reader.error(), size);
  }
  return 0;
}
