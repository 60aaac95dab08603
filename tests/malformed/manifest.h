// The malformed-input manifest (expected.txt): for every case the goemu arguments, the exit
// status and the exact standard error. Standard output must be empty for every case.
//
//   == <case name>
//   args: asm -S bad.s
//   status: 1
//   <standard error, verbatim, up to the next "== " line>
#pragma once

#include <string>
#include <vector>

namespace goemu::test {

struct MalformedCase {
  std::string name;
  std::vector<std::string> args;
  int status = 0;
  std::string err;
};

struct Manifest {
  std::string preamble;  // comment lines before the first case, kept when regenerating
  std::vector<MalformedCase> cases;
};

Manifest ReadManifest(const std::string& path);
void WriteManifest(const std::string& path, const Manifest& manifest);

}  // namespace goemu::test
