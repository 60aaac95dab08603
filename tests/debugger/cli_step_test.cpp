// `goemu step` as a user runs it: commands from --script FILE or piped into standard input,
// the guest's fd 2 on the real stderr, the session's text on stdout.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// Runs a shell command line and collects its standard output.
Run Shell(const std::string& command) {
  Run run;
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) run.status = WEXITSTATUS(status);
  return run;
}

constexpr std::string_view kScript = "break main·main\ncontinue\nbt\nfrobnicate\ncontinue\n";

void CheckTranscript(const std::string& out) {
  CHECK(out.find("(goemu) break main·main\nBreakpoint 1 at ") != std::string::npos);
  CHECK(out.find("(goemu) continue\nBreakpoint 1, ") != std::string::npos);
  CHECK(out.find("main.main: MOVQ\t(TLS), CX\n(goemu) bt\ng1 stack [") != std::string::npos);
  CHECK(out.find("(goemu) frobnicate\nerror: unknown command \"frobnicate\" (try help)\n") != std::string::npos);
  CHECK(out.find("(goemu) continue\nProgram exited with status 0.\n") != std::string::npos);
  // println writes to fd 2, which is not this pipe.
  CHECK(out.find("hello, world") == std::string::npos);
}

TEST_CASE("goemu step --script FILE", "[debugger][cli]") {
  const std::string script = "/tmp/goemu-step-test.script";
  std::ofstream(script) << kScript;
  const Run run = Shell(fmt::format("'{}' step '{}/programs/bootstrap.s' --script {} 2>/dev/null", GOEMU_BINARY,
                                    GOEMU_SOURCE_DIR, script));
  std::remove(script.c_str());
  CHECK(run.status == 0);
  CheckTranscript(run.out);
}

TEST_CASE("goemu step reads piped commands and stops at end of input", "[debugger][cli]") {
  const Run run = Shell(fmt::format("printf '{}' | '{}' step '{}/programs/bootstrap.s' 2>&1 >/dev/null", "stepi\\n",
                                    GOEMU_BINARY, GOEMU_SOURCE_DIR));
  CHECK(run.status == 0);
  CHECK(run.out.empty());  // nothing on stderr: the guest never got to print
  const Run piped = Shell(fmt::format("printf '%s' '{}' | '{}' step '{}/programs/bootstrap.s' 2>&1", kScript,
                                      GOEMU_BINARY, GOEMU_SOURCE_DIR));
  CHECK(piped.status == 0);
  CheckTranscript(piped.out.substr(0, piped.out.find("hello, world")) +
                  piped.out.substr(piped.out.find("hello, world\n") + 13));
}

TEST_CASE("goemu step reports assembly errors like goemu run", "[debugger][cli]") {
  const std::string bad = "/tmp/goemu-step-bad.s";
  std::ofstream(bad) << "TEXT main·main(SB), $0-0\n\tMOVQ $1, NOSUCHREG\n\tRET\n";
  const Run run = Shell(fmt::format("'{}' step {} </dev/null 2>&1", GOEMU_BINARY, bad));
  std::remove(bad.c_str());
  CHECK(run.status == 1);
  CHECK(run.out.find("goemu-step-bad.s:2:") != std::string::npos);
}

}  // namespace
