// Drives the stepper in-process: builds a program from programs/, runs a command script
// through the same REPL `goemu step` uses, and returns the transcript (guest output included,
// in order) split into one block per command.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace goemu::debugger::testing {

struct Block {
  std::string command;             // as typed; "" for what is printed before the first prompt
  std::vector<std::string> lines;  // everything printed until the next prompt
};

struct Transcript {
  std::string text;
  std::vector<Block> blocks;  // blocks[0] is the start-up location line
};

Transcript RunScript(std::string_view program, std::string_view script);

// Makes lines independent of what the runtime model's code looks like today: code and stack
// addresses (>= 0x400000) become ADDR, runtime symbol offsets and runtime source lines
// become N, and "[step 123]" becomes "[step N]". Small values (arguments, sizes) and the
// user program's offsets and lines stay exact.
std::string Normalize(std::string_view line);
std::vector<std::string> Normalize(const std::vector<std::string>& lines);

// The step number in a location line "[step 123] ...".
uint64_t StepOf(std::string_view line);

}  // namespace goemu::debugger::testing
