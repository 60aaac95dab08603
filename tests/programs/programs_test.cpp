// Every sample program in programs/ and programs/faults/ runs under `goemu run` and prints
// exactly its NAME.out (stdout and stderr interleaved), ending with the status its source
// declares in a `// Exit status: N` line (0 when there is none). A `// Run flags: ...` line
// adds options before the file. ctest runs one test per program (CMakeLists.txt selects the
// program's section with -c NAME, NAME being e.g. "stackgrow" or "faults/nil_deref").
// Regenerate an expected output on purpose with programs/regen.sh.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/program_list.h"
#include "tests/programs/run_merged.h"

namespace goemu::test {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int ExpectedStatus(const std::string& source) {
  static const std::regex kStatus(R"(// Exit status: (\d+))");
  std::smatch match;
  return std::regex_search(source, match, kStatus) ? std::stoi(match[1]) : 0;
}

MergedResult Goemu(std::vector<std::string> args) {
  args.insert(args.begin(), GOEMU_BINARY);
  return RunMerged(args, GOEMU_SOURCE_DIR);
}

TEST_CASE("programs print their expected output", "[programs]") {
  const std::vector<std::string> names = ProgramNames();
  REQUIRE(names.size() >= 11);
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      const fs::path dir = fs::path(GOEMU_SOURCE_DIR) / "programs";
      const fs::path expected = dir / (name + ".out");
      REQUIRE(fs::exists(expected));
      const std::string source = ReadFile(dir / (name + ".s"));
      std::vector<std::string> args = {"run"};
      for (const std::string& flag : RunFlags(source)) args.push_back(flag);
      args.push_back("programs/" + name + ".s");
      const MergedResult run = Goemu(args);
      CHECK(run.output == ReadFile(expected));
      CHECK(run.status == ExpectedStatus(source));
    }
  }
}

// Seed 001's listing: 113 bytes with windows' 2-instruction TLS load, CMPQ at 0x10, JLS to
// the morestack call at 106, the two deferreturn exits at 0x4b and 0x5b.
TEST_CASE("defer.s main·main reproduces seed 001's go1.13 listing under --goos windows", "[listing]") {
  const MergedResult listing = Goemu({"asm", "--goos", "windows", "-S", "programs/defer.s"});
  REQUIRE(listing.status == 0);
  const std::string& out = listing.output;
  CHECK(out.find("\"\".main STEXT size=113 args=0x0 locals=0x48") != std::string::npos);
  CHECK(out.find("0x0000 00000 (defer.s:") != std::string::npos);
  for (const char* line : {"\tMOVQ\tTLS, CX\n", "0x0009 00009", "0x0010 00016", "\tCMPQ\tSP, 16(CX)\n",
                           "0x0014 00020", "\tJLS\t106\n", "0x0041 00065", "\tCALL\truntime.deferprocStack(SB)\n",
                           "0x004a 00074", "\tXCHGL\tAX, AX\n", "0x004b 00075", "0x005b 00091",
                           "0x006a 00106", "\tCALL\truntime.morestack_noctxt(SB)\n", "0x006f 00111", "\tJMP\t0\n"}) {
    CHECK(out.find(line) != std::string::npos);
  }
  CHECK(out.find("0x0000 65 48 8b 0c 25 28 00 00 00 48 8b 89 f8 ff ff ff") != std::string::npos);
  const MergedResult linux_listing = Goemu({"asm", "-S", "programs/defer.s"});
  CHECK(linux_listing.output.find("\"\".main STEXT size=106 ") != std::string::npos);
}

TEST_CASE("printnl.s: the NOSPLIT version is seed 004's 29 bytes, the split one adds the check", "[listing]") {
  const MergedResult listing = Goemu({"asm", "-S", "programs/printnl.s"});
  REQUIRE(listing.status == 0);
  CHECK(listing.output.find("\"\".printnl_nosplit STEXT nosplit size=29 args=0xffffffff80000000 locals=0x10") !=
        std::string::npos);
  CHECK(listing.output.find("\"\".printnl STEXT size=51 args=0xffffffff80000000 locals=0x10") != std::string::npos);
  CHECK(listing.output.find("CALL\truntime.morestack_noctxt(SB)") != std::string::npos);
}

TEST_CASE("goemu run: --max-steps stops a run with a message and status 4", "[run-cli]") {
  const MergedResult run = Goemu({"run", "--max-steps", "500", "programs/bootstrap.s"});
  CHECK(run.status == 4);
  CHECK(run.output.find("goemu run: stopped after --max-steps 500 instructions at runtime.") != std::string::npos);
  CHECK(run.output.find("hello, world") == std::string::npos);
}

TEST_CASE("goemu run: assembly errors print file:line:col and exit 1", "[run-cli]") {
  const fs::path bad = fs::temp_directory_path() / "goemu_run_bad.s";
  std::ofstream(bad) << "TEXT main·main(SB), $0-0\n\tMOVQ\t$1, NOSUCHREG\n\tRET\n";
  const MergedResult run = Goemu({"run", bad.string()});
  CHECK(run.status == 1);
  CHECK(run.output.find(bad.string() + ":2:") != std::string::npos);
  CHECK(run.output.find("error:") != std::string::npos);
}

TEST_CASE("goemu run: a program without main·main fails to link with status 1", "[run-cli]") {
  const fs::path bad = fs::temp_directory_path() / "goemu_run_nomain.s";
  std::ofstream(bad) << "TEXT main·other(SB), $0-0\n\tRET\n";
  const MergedResult run = Goemu({"run", bad.string()});
  CHECK(run.status == 1);
  CHECK(run.output.find("undefined symbol main.main") != std::string::npos);
}

}  // namespace
}  // namespace goemu::test
