#include "debugger/line_reader.h"

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#ifdef GOEMU_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace goemu::debugger {
namespace {

class Stream : public LineReader {
 public:
  explicit Stream(std::istream& in) : in_(in) {}
  std::optional<std::string> Read(const char*) override {
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
};

#ifdef GOEMU_HAVE_LIBEDIT
class Editline : public LineReader {
 public:
  Editline() {
    // libedit decodes keystrokes by the locale: without this, a typed "·" (as in
    // runtime·jmpdefer) is dropped under the default "C" locale.
    std::setlocale(LC_CTYPE, "");
    using_history();
  }
  std::optional<std::string> Read(const char* prompt) override {
    char* raw = nullptr;
    // Ctrl-C at the prompt interrupts the read (EINTR): drop the line and prompt again, as
    // shells do; only end of input (Ctrl-D) ends the session.
    for (errno = 0; (raw = readline(prompt)) == nullptr && errno == EINTR; errno = 0) std::fputs("\n", stdout);
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    // Blank lines repeat the last step; keeping them out of history keeps history useful.
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    return line;
  }
  bool interactive() const override { return true; }
};
#else
// Without libedit the terminal gets a prompt and plain line input.
class PromptedStream : public Stream {
 public:
  PromptedStream() : Stream(std::cin) {}
  std::optional<std::string> Read(const char* prompt) override {
    std::fputs(prompt, stdout);
    std::fflush(stdout);
    return Stream::Read(prompt);
  }
  bool interactive() const override { return true; }
};
#endif

}  // namespace

std::unique_ptr<LineReader> StreamReader(std::istream& in) { return std::make_unique<Stream>(in); }

std::unique_ptr<LineReader> TerminalReader() {
#ifdef GOEMU_HAVE_LIBEDIT
  return std::make_unique<Editline>();
#else
  return std::make_unique<PromptedStream>();
#endif
}

}  // namespace goemu::debugger
