// libFuzzer target for `goemu step`'s command language: the input is a script, one command
// per line, run through the REPL the CLI uses (parser, blank-line repeat, dispatcher,
// inspectors) against a freshly booted programs/defer.s.
//
// Step budget: no stepper command changes the guest, so however the script steps, the guest
// retires at most the program's own run (2,137 instructions, to its exit) per input;
// once it has exited, stepping commands only answer "not running".
//
// Checks beyond "no crash, no sanitizer report": every error the stepper prints is one line.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "debugger/line_reader.h"
#include "debugger/repl.h"
#include "debugger/session.h"
#include "fuzz/defer_program.h"

namespace {

using goemu::debugger::Session;

void CheckOneLineErrors(std::string_view text) {
  if (text.starts_with("error: ") && text.find('\n') != text.size() - 1) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  std::unique_ptr<Session> session =
      Session::Create(goemu::fuzz::DeferProgram(), [](int, std::string_view) {}, {"programs/defer.s"}, &error);
  if (session == nullptr) std::abort();
  std::istringstream script(std::string(reinterpret_cast<const char*>(data), size));
  auto reader = goemu::debugger::StreamReader(script);
  goemu::debugger::RunRepl(*session, *reader, CheckOneLineErrors, /*echo=*/true);
  return 0;
}
