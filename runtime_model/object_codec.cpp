#include "runtime_model/object_codec.h"

#include <cstdint>
#include <cstring>
#include <map>

namespace goemu::rt {
namespace {

// Bumped whenever the layout below changes, so a stale blob is refused, not misread.
constexpr uint32_t kFormatVersion = 1;

// Integers are little-endian varints (signed ones zigzagged); strings and byte runs are a
// length and the bytes. Source file names repeat on every instruction, so they are written
// once into a table that locations index.
class Writer {
 public:
  void U(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void S(int64_t v) { U((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void Str(std::string_view s) {
    U(s.size());
    out_.append(s);
  }
  void Bytes(const std::vector<uint8_t>& b) {
    U(b.size());
    out_.append(reinterpret_cast<const char*>(b.data()), b.size());
  }
  void File(const std::string& name) {
    auto [it, added] = files_.try_emplace(name, files_.size());
    if (added) {  // first use: the index that follows is new, then the name itself
      U(it->second);
      Str(name);
    } else {
      U(it->second);
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  std::map<std::string, uint64_t> files_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  uint64_t U() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      const uint8_t byte = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return Fail();
  }
  int64_t S() {
    const uint64_t v = U();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  // A count of items that each take at least one byte: larger than what is left is corrupt.
  size_t Count() {
    const uint64_t n = U();
    return n <= in_.size() - pos_ ? n : Fail();
  }
  std::string Str() {
    const size_t n = Count();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<uint8_t> Bytes() {
    const size_t n = Count();
    std::vector<uint8_t> b(n);
    if (n != 0) std::memcpy(b.data(), in_.data() + pos_, n);
    pos_ += n;
    return b;
  }
  std::string File() {
    const uint64_t index = U();
    if (index == files_.size()) files_.push_back(Str());
    return index < files_.size() ? files_[index] : (Fail(), std::string());
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::vector<std::string> files_;
};

void PutLoc(Writer& w, const isa::SourceLoc& loc) {
  w.File(loc.file);
  w.S(loc.line);
  w.S(loc.col);
}

isa::SourceLoc GetLoc(Reader& r) {
  isa::SourceLoc loc;
  loc.file = r.File();
  loc.line = static_cast<int>(r.S());
  loc.col = static_cast<int>(r.S());
  return loc;
}

void PutSymbol(Writer& w, const isa::Symbol& s) {
  w.Str(s.name);
  w.U(static_cast<uint64_t>(s.kind));
  w.U(s.flags);
  w.S(s.frame);
  w.S(s.args);
  w.U(s.size);
  PutLoc(w, s.loc);
  w.U(s.insns.size());
  for (const isa::Instruction& insn : s.insns) {
    w.U(insn.off);
    w.Bytes(insn.bytes);
    w.Str(insn.text);
    PutLoc(w, insn.loc);
    w.U(insn.inserted);
    w.S(insn.sp_delta);
    w.U(insn.fp_args.size());
    for (const std::string& arg : insn.fp_args) w.Str(arg);
  }
  w.Bytes(s.data);
  w.U(s.relocs.size());
  for (const isa::Reloc& reloc : s.relocs) {
    w.U(reloc.off);
    w.U(reloc.size);
    w.U(static_cast<uint64_t>(reloc.type));
    w.Str(reloc.sym);
    w.S(reloc.addend);
  }
}

isa::Symbol GetSymbol(Reader& r) {
  isa::Symbol s;
  s.name = r.Str();
  s.kind = static_cast<isa::SymbolKind>(r.U());
  s.flags = static_cast<uint32_t>(r.U());
  s.frame = r.S();
  s.args = r.S();
  s.size = r.U();
  s.loc = GetLoc(r);
  s.insns.resize(r.Count());
  for (isa::Instruction& insn : s.insns) {
    insn.off = static_cast<uint32_t>(r.U());
    insn.bytes = r.Bytes();
    insn.text = r.Str();
    insn.loc = GetLoc(r);
    insn.inserted = r.U() != 0;
    insn.sp_delta = static_cast<int32_t>(r.S());
    insn.fp_args.resize(r.Count());
    for (std::string& arg : insn.fp_args) arg = r.Str();
  }
  s.data = r.Bytes();
  s.relocs.resize(r.Count());
  for (isa::Reloc& reloc : s.relocs) {
    reloc.off = static_cast<uint32_t>(r.U());
    reloc.size = static_cast<uint8_t>(r.U());
    reloc.type = static_cast<isa::RelocType>(r.U());
    reloc.sym = r.Str();
    reloc.addend = r.S();
  }
  return s;
}

}  // namespace

std::string EncodeObjects(const std::vector<isa::Object>& objects) {
  Writer w;
  w.U(kFormatVersion);
  w.U(objects.size());
  for (const isa::Object& object : objects) {
    w.U(object.symbols.size());
    for (const isa::Symbol& symbol : object.symbols) PutSymbol(w, symbol);
  }
  return w.Take();
}

std::optional<std::vector<isa::Object>> DecodeObjects(std::string_view bytes) {
  Reader r(bytes);
  if (r.U() != kFormatVersion) return std::nullopt;
  std::vector<isa::Object> objects(r.Count());
  for (isa::Object& object : objects) {
    object.symbols.resize(r.Count());
    for (isa::Symbol& symbol : object.symbols) symbol = GetSymbol(r);
  }
  if (!r.ok() || !r.done()) return std::nullopt;
  return objects;
}

}  // namespace goemu::rt
