// The malformed-input corpus: every case in expected.txt runs the real goemu binary on files
// from cases/ (plus a few generated here: a 100 MB file, a directory, a FIFO) and must end
// with exactly the documented standard error and exit status, print nothing on standard
// output, finish within 5 s, and never die by a signal or print a sanitizer report.
//
// Regenerate expected.txt after an intended message change (then review the diff):
//   GOEMU_MALFORMED_REGEN=1 <build>/tests/malformed/goemu_malformed_tests "[malformed]"
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "tests/malformed/manifest.h"
#include "tests/malformed/run_case.h"

namespace goemu::test {
namespace {

namespace fs = std::filesystem;

const std::string kManifest = std::string(GOEMU_MALFORMED_DIR) + "/expected.txt";
const std::string kCases = std::string(GOEMU_MALFORMED_DIR) + "/cases";
constexpr std::chrono::milliseconds kLimit{5000};

// A scratch copy of cases/ with the inputs too big or too odd to commit.
class WorkDir {
 public:
  WorkDir() {
    char tmpl[] = "/tmp/goemu-malformed-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path_ = tmpl;
    fs::copy(kCases, path_, fs::copy_options::recursive);
    // Sparse: goemu must refuse it by its size before reading a byte (were it read, the
    // zeros would get the binary-garbage message instead, and the case would fail).
    std::ofstream(path_ / "big.s").close();
    fs::resize_file(path_ / "big.s", 100 * 1024 * 1024);
    fs::create_directory(path_ / "adir.s");
    REQUIRE(mkfifo((path_ / "fifo.s").c_str(), 0600) == 0);
  }
  ~WorkDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool HasSanitizerReport(const std::string& err) {
  return err.find("Sanitizer") != std::string::npos || err.find("runtime error:") != std::string::npos;
}

}  // namespace

TEST_CASE("each malformed input gives its documented error and status, and nothing else", "[malformed]") {
  Manifest manifest = ReadManifest(kManifest);
  REQUIRE(manifest.cases.size() >= 60);
  WorkDir dir;
  const bool regen = std::getenv("GOEMU_MALFORMED_REGEN") != nullptr;
  for (MalformedCase& c : manifest.cases) {
    const CaseRun run = RunInDir(GOEMU_BINARY, c.args, dir.path().string(), kLimit);
    CAPTURE(c.name, run.err, run.out);
    CHECK_FALSE(run.timed_out);
    CHECK(run.signal == 0);
    CHECK_FALSE(HasSanitizerReport(run.err));
    CHECK(run.out.empty());
    if (regen) {
      c.status = run.status;
      c.err = run.err;
      continue;
    }
    CHECK(run.status == c.status);
    CHECK(run.err == c.err);
  }
  if (regen) WriteManifest(kManifest, manifest);
}

TEST_CASE("every input in cases/ is used by a case, and no two cases share a name", "[malformed]") {
  const Manifest manifest = ReadManifest(kManifest);
  std::set<std::string> named, used;
  for (const MalformedCase& c : manifest.cases) {
    CHECK(named.insert(c.name).second);
    used.insert(c.args.begin(), c.args.end());
  }
  for (const auto& entry : fs::directory_iterator(kCases)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".h") continue;  // reached through #include
    CAPTURE(file);
    CHECK(used.count(file) == 1);
  }
}

}  // namespace goemu::test
