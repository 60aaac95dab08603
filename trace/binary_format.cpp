#include "trace/binary_format.h"

namespace goemu::trace::binary {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325;
constexpr uint64_t kFnvPrime = 0x100000001b3;

struct Fnv {
  uint64_t hash = kFnvOffset;
  void Byte(uint8_t b) { hash = (hash ^ b) * kFnvPrime; }
  void Word(uint64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(v >> (8 * i)));
  }
  template <typename Bytes>
  void Span(const Bytes& bytes) {
    Word(bytes.size());
    for (auto b : bytes) Byte(static_cast<uint8_t>(b));
  }
};

}  // namespace

uint64_t ImageFingerprint(const isa::Image& image) {
  Fnv fnv;
  for (const isa::Segment& segment : image.segments) {
    fnv.Word(segment.addr);
    fnv.Word(segment.mem_size);
    fnv.Span(segment.bytes);
  }
  for (const isa::ImageSymbol& symbol : image.symbols) {
    fnv.Word(symbol.addr);
    fnv.Word(symbol.symbol.size);
    fnv.Span(symbol.symbol.name);
  }
  return fnv.hash;
}

}  // namespace goemu::trace::binary
