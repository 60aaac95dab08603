// `goemu run --trace | head`: once the trace's reader has gone, the run stops within one
// go-on slice (GuestProcess::kCheckEvery instructions) instead of tracing to the guest's exit,
// and ends with the status of a process that SIGPIPE killed.
#include <catch2/catch.hpp>

#include <string>

#include "runtime_model/process.h"
#include "tests/cli/run_command.h"

namespace goemu::test {
namespace {

TEST_CASE("a trace whose reader goes away ends the run there, with status 141", "[cli][trace]") {
  // longloop retires about 108 million instructions, 24 million frame events.
  const CommandResult r = RunGoemuIntoShortReader(
      {"run", "--stats", "--trace=calls", std::string(GOEMU_SOURCE_DIR) + "/bench/programs/longloop.s"}, 4096);
  CHECK(r.status == 141);
  CHECK(r.out.size() == 4096);
  const size_t at = r.err.find("instructions: ");
  REQUIRE(at != std::string::npos);
  // The reader leaves during the first 64 KiB buffer, a few thousand instructions in; the run
  // ends at the first check after it: the boot to main.main (run apart, to time the start-up)
  // and one slice.
  const uint64_t retired = std::stoull(r.err.substr(at + 14));
  CHECK(retired > rt::GuestProcess::kCheckEvery);
  CHECK(retired < rt::GuestProcess::kCheckEvery + 2000);
  CHECK(r.err.find("goemu run:") == std::string::npos);  // quietly
}

}  // namespace
}  // namespace goemu::test
