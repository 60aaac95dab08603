// libFuzzer target: the linker on several sources (see fuzz_sources.h), each assembled as its
// own object. Objects that failed to assemble are left out, as their contract says. A linked
// image must be self-consistent: symbols and instructions sorted, every instruction found again
// by address and inside the segment that holds it.
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_sources.h"
#include "isa/assembler.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

bool InSomeSegment(const goemu::isa::Image& image, uint64_t addr, uint64_t size) {
  for (const goemu::isa::Segment& s : image.segments) {
    if (addr >= s.addr && addr + size <= s.addr + s.mem_size) return true;
  }
  return false;
}

void CheckImage(const goemu::isa::Image& image) {
  for (size_t i = 1; i < image.symbols.size(); ++i) Require(image.symbols[i - 1].addr <= image.symbols[i].addr);
  for (size_t i = 0; i < image.insns.size(); ++i) {
    const goemu::isa::ImageInsn& insn = image.insns[i];
    if (i > 0) Require(image.insns[i - 1].addr + image.insns[i - 1].size <= insn.addr);
    Require(image.InsnAt(insn.addr) != nullptr);
    Require(InSomeSegment(image, insn.addr, insn.size));
    Require(insn.symbol < image.symbols.size());
  }
  for (const goemu::isa::Segment& s : image.segments) Require(s.bytes.size() <= s.mem_size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = goemu::fuzz::SplitSources(data, size, 6);
  goemu::isa::AssembleOptions options;
  std::vector<goemu::isa::Object> objects;
  for (size_t i = 0; i < parts.size(); ++i) {
    goemu::isa::AssembleResult r = goemu::isa::AssembleSource(std::to_string(i) + ".s", parts[i], options);
    if (r.ok()) objects.push_back(std::move(r.object));
  }
  goemu::isa::LinkOptions link;
  link.entry = "main.main";
  link.require_entry = size % 2 == 1;
  const goemu::isa::LinkResult linked = goemu::isa::Link(objects, link);
  for (const goemu::isa::Diagnostic& d : linked.diagnostics) Require(!d.Format().empty());
  if (linked.ok()) CheckImage(linked.image);
  return 0;
}
