// The differential test: every corpus file assembled by `goemu asm --go 1.19 --json` must match
// the listing `go tool asm` produced for it (tests/asm_golden/golden/, regenerated on purpose by
// scripts/regen-asm-golden.sh). One section per corpus file; ctest runs each as its own test
// (`goemu_asm_golden_tests "[corpus]" -c NAME.s`).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/asm_golden/compare.h"
#include "tests/asm_golden/goemu_json.h"
#include "tests/asm_golden/golden_listing.h"
#include "tests/asm_golden/run_command.h"

using namespace goemu::asm_golden;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpusDir = GOEMU_ASM_CORPUS_DIR;
const fs::path kGoldenDir = GOEMU_ASM_GOLDEN_DIR;

std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kCorpusDir))
    if (entry.path().extension() == ".s") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path GoldenFor(const fs::path& source) {
  return kGoldenDir / source.filename().replace_extension(".listing");
}

void CheckCorpusFile(const fs::path& source) {
  const std::string name = source.filename().string();
  auto golden = ParseGoListing(ReadFile(GoldenFor(source)), "main");
  INFO("golden " << GoldenFor(source).string() << ": " << golden.error);
  REQUIRE(golden.ok());

  const CommandOutput run = RunCommand(
      {GOEMU_BINARY, "asm", "--go", "1.19", "-I", kCorpusDir.string(), "--json", source.string()});
  INFO("goemu asm exit " << run.exit_code << ", stderr:\n" << run.err);
  REQUIRE(run.exit_code == 0);
  auto actual = ParseGoemuJson(run.out);
  INFO(actual.error);
  REQUIRE(actual.ok());

  const Comparison comparison = CompareListings(*golden.value, *actual.value, name);
  if (comparison.data_unchecked > 0)
    WARN(name << ": " << comparison.data_unchecked
              << " data symbol(s) not compared: goemu's JSON has no \"data\" for them");
  INFO(comparison.Render(name));
  CHECK(comparison.ok());
}

}  // namespace

TEST_CASE("asm golden: the corpus is complete and every file has a golden listing") {
  const auto files = CorpusFiles();
  CHECK(files.size() >= 40);
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    CHECK(fs::exists(GoldenFor(file)));
  }
}

TEST_CASE("asm golden: goemu asm matches go tool asm, file by file", "[corpus]") {
  for (const fs::path& file : CorpusFiles()) {
    DYNAMIC_SECTION(file.filename().string()) { CheckCorpusFile(file); }
  }
}
