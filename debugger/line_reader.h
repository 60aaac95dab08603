// Where the stepper's commands come from: a terminal (line editing and history through
// libedit), or any stream (a pipe, a --script file) read line by line.
#pragma once
#include <istream>
#include <memory>
#include <optional>
#include <string>

namespace goemu::debugger {

class LineReader {
 public:
  virtual ~LineReader() = default;
  // The next line without its newline; nullopt at end of input.
  virtual std::optional<std::string> Read(const char* prompt) = 0;
  // True when a person types the lines (the prompt is shown by the reader itself).
  virtual bool interactive() const = 0;
};

// Lines from a stream; the stream must outlive the reader.
std::unique_ptr<LineReader> StreamReader(std::istream& in);
// Lines typed on the terminal (standard input), with editing and history; a plain stream
// reader on standard input when goemu was built without libedit.
std::unique_ptr<LineReader> TerminalReader();

}  // namespace goemu::debugger
