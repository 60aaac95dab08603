// Helpers shared by the isa tests: assemble a snippet, find a symbol, print bytes as hex.
#pragma once

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "isa/assembler.h"

namespace goemu::isa::test {

inline AssembleOptions Options(GoVersion v = GoVersion::kGo113, GoOs os = GoOs::kLinux) {
  AssembleOptions o;
  o.go_version = v;
  o.goos = os;
  return o;
}

// Assembles and requires success, printing the diagnostics otherwise.
inline Object MustAssemble(const std::string& src, const AssembleOptions& o = Options()) {
  AssembleResult r = AssembleSource("t.s", src, o);
  std::string diags;
  for (const Diagnostic& d : r.diagnostics) diags += d.Format();
  INFO(diags);
  REQUIRE(r.ok());
  return r.object;
}

// A copy, so it can be taken from a temporary Object.
inline Symbol Sym(const Object& o, const std::string& name) {
  for (const Symbol& s : o.symbols) {
    if (s.name == name) return s;
  }
  FAIL("no symbol " << name);
  return Symbol{};
}

inline std::string Hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  for (uint8_t b : bytes) out += fmt::format("{}{:02x}", out.empty() ? "" : " ", b);
  return out;
}

inline std::string Code(const Symbol& s) {
  std::vector<uint8_t> all;
  for (const Instruction& i : s.insns) all.insert(all.end(), i.bytes.begin(), i.bytes.end());
  return Hex(all);
}

// "off text" per instruction that has bytes or is a label target, for listing-shaped checks.
inline std::vector<std::string> Listing(const Symbol& s) {
  std::vector<std::string> out;
  for (const Instruction& i : s.insns) out.push_back(fmt::format("{:#04x} {}", i.off, i.text));
  return out;
}

// Encodes one instruction inside a frameless NOSPLIT function and returns its bytes.
inline std::string One(const std::string& insn, const AssembleOptions& o = Options()) {
  Object obj = MustAssemble("TEXT ·f(SB), 4, $0-0\n\t" + insn + "\n\tRET\n", o);
  const Symbol& s = Sym(obj, "main.f");
  REQUIRE(s.insns.size() >= 2);
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < s.insns.size(); ++i) bytes.insert(bytes.end(), s.insns[i].bytes.begin(), s.insns[i].bytes.end());
  return Hex(bytes);
}

}  // namespace goemu::isa::test
