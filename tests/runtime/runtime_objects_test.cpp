// The runtime objects goemu carries (assembled by goemu_rtcache at build time) against a fresh
// assembly of the embedded sources: every field of every symbol, instruction and relocation,
// the encoded bytes, and the linked image of a program.
#include <catch2/catch.hpp>

#include <string>

#include "runtime_model/object_codec.h"
#include "runtime_model/program.h"
#include "runtime_model/runtime_objects.h"

namespace goemu::rt {
namespace {

void RequireSameLoc(const isa::SourceLoc& a, const isa::SourceLoc& b) {
  REQUIRE(a.file == b.file);
  REQUIRE(a.line == b.line);
  REQUIRE(a.col == b.col);
}

// Field by field, without the codec, so a field the codec dropped shows up here.
void RequireSameSymbol(const isa::Symbol& a, const isa::Symbol& b) {
  INFO(a.name);
  REQUIRE(a.name == b.name);
  REQUIRE(a.kind == b.kind);
  REQUIRE(a.flags == b.flags);
  REQUIRE(a.frame == b.frame);
  REQUIRE(a.args == b.args);
  REQUIRE(a.size == b.size);
  RequireSameLoc(a.loc, b.loc);
  REQUIRE(a.data == b.data);
  REQUIRE(a.insns.size() == b.insns.size());
  for (size_t i = 0; i < a.insns.size(); ++i) {
    const isa::Instruction& x = a.insns[i];
    const isa::Instruction& y = b.insns[i];
    INFO(x.text);
    REQUIRE(x.off == y.off);
    REQUIRE(x.bytes == y.bytes);
    REQUIRE(x.text == y.text);
    RequireSameLoc(x.loc, y.loc);
    REQUIRE(x.inserted == y.inserted);
    REQUIRE(x.sp_delta == y.sp_delta);
    REQUIRE(x.fp_args == y.fp_args);
  }
  REQUIRE(a.relocs.size() == b.relocs.size());
  for (size_t i = 0; i < a.relocs.size(); ++i) {
    REQUIRE(a.relocs[i].off == b.relocs[i].off);
    REQUIRE(a.relocs[i].size == b.relocs[i].size);
    REQUIRE(a.relocs[i].type == b.relocs[i].type);
    REQUIRE(a.relocs[i].sym == b.relocs[i].sym);
    REQUIRE(a.relocs[i].addend == b.relocs[i].addend);
  }
}

TEST_CASE("the embedded runtime objects equal a fresh assembly of the runtime sources") {
  const RuntimeObjects fresh = AssembleRuntime(isa::GoVersion::kGo113);
  REQUIRE(fresh.ok());
  const auto cached = DecodeObjects(CachedRuntimeBlob());
  REQUIRE(cached.has_value());
  REQUIRE(cached->size() == fresh.objects.size());
  size_t symbols = 0;
  for (size_t i = 0; i < fresh.objects.size(); ++i) {
    REQUIRE(cached->at(i).symbols.size() == fresh.objects[i].symbols.size());
    for (size_t k = 0; k < fresh.objects[i].symbols.size(); ++k) {
      RequireSameSymbol(cached->at(i).symbols[k], fresh.objects[i].symbols[k]);
      ++symbols;
    }
  }
  CHECK(symbols > 100);
  CHECK(EncodeObjects(fresh.objects) == CachedRuntimeBlob());
}

TEST_CASE("a program links to the same image with the embedded runtime as with a fresh one") {
  const std::string path = GOEMU_SOURCE_DIR "/programs/stackgrow.s";
  const BuildResult built = BuildProgram({path});
  REQUIRE(built.ok());

  std::vector<isa::Object> objects = AssembleRuntime(isa::GoVersion::kGo113).objects;
  isa::AssembleOptions options;
  options.include_provider = RuntimeIncludeProvider();
  objects.push_back(isa::AssembleFiles({path}, options).object);
  const isa::LinkResult fresh = isa::Link(objects, {.require_entry = true});
  REQUIRE(fresh.ok());

  REQUIRE(built.image.entry == fresh.image.entry);
  REQUIRE(built.image.segments.size() == fresh.image.segments.size());
  for (size_t i = 0; i < fresh.image.segments.size(); ++i) {
    CHECK(built.image.segments[i].name == fresh.image.segments[i].name);
    CHECK(built.image.segments[i].addr == fresh.image.segments[i].addr);
    CHECK(built.image.segments[i].mem_size == fresh.image.segments[i].mem_size);
    CHECK(built.image.segments[i].bytes == fresh.image.segments[i].bytes);
  }
  REQUIRE(built.image.symbols.size() == fresh.image.symbols.size());
  for (size_t i = 0; i < fresh.image.symbols.size(); ++i) {
    CHECK(built.image.symbols[i].addr == fresh.image.symbols[i].addr);
    RequireSameSymbol(built.image.symbols[i].symbol, fresh.image.symbols[i].symbol);
  }
  CHECK(built.image.insns.size() == fresh.image.insns.size());
}

TEST_CASE("the object encoding is exact and refuses damaged bytes") {
  const std::string blob(CachedRuntimeBlob());
  const auto decoded = DecodeObjects(blob);
  REQUIRE(decoded.has_value());
  CHECK(EncodeObjects(*decoded) == blob);
  CHECK_FALSE(DecodeObjects(blob.substr(0, blob.size() - 1)).has_value());
  CHECK_FALSE(DecodeObjects(blob + '\0').has_value());
  CHECK_FALSE(DecodeObjects("").has_value());
  std::string other_version = blob;
  other_version[0] = static_cast<char>(other_version[0] + 1);
  CHECK_FALSE(DecodeObjects(other_version).has_value());
}

}  // namespace
}  // namespace goemu::rt
