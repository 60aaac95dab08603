#include "tests/emulator/guest.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <stdexcept>

namespace goemu::emu::testing {

std::vector<uint8_t> Hex(std::string_view hex) {
  std::vector<uint8_t> out;
  int high = -1;
  for (char ch : hex) {
    int v;
    if (ch >= '0' && ch <= '9') v = ch - '0';
    else if (ch >= 'a' && ch <= 'f') v = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F') v = ch - 'A' + 10;
    else if (ch == ' ') continue;
    else throw std::invalid_argument("bad hex");
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("odd hex");
  return out;
}

std::string JmpFar(uint64_t at) {
  const auto rel = static_cast<uint32_t>(kFar - (at + 5));
  return fmt::format("e9{:02x}{:02x}{:02x}{:02x}", rel & 0xff, (rel >> 8) & 0xff, (rel >> 16) & 0xff, rel >> 24);
}

Guest::Guest() {
  REQUIRE(memory.Map(kText, kTextSize, kPermRX, "text"));
  REQUIRE(memory.Map(kData, kDataSize, kPermRW, "data"));
  REQUIRE(memory.Map(kRodata, kPageSize, kPermRead, "rodata"));
  REQUIRE(memory.Map(kStackBase, kStackSize, kPermRW, "stack"));
  cpu().rip = kText;
  reg(kRsp) = kStackTop;
}

void Guest::Load(std::string_view hex) {
  code_end = kText;
  Append(hex);
  cpu().rip = kText;
}

uint64_t Guest::Append(std::string_view hex) {
  const std::vector<uint8_t> bytes = Hex(hex);
  const uint64_t at = code_end;
  REQUIRE(memory.Poke(at, bytes.data(), bytes.size()));
  code_end += bytes.size();
  return at;
}

RunResult Guest::RunToEnd(uint64_t max_steps) {
  return machine.Run(RunOptions{.max_steps = max_steps, .stop_at = code_end});
}

void Guest::Exec(std::string_view hex) {
  Load(hex);
  const RunResult r = RunToEnd();
  if (r.fault) FAIL(DescribeFault(*r.fault));
  REQUIRE(r.reason == StopReason::kEnd);
}

uint64_t Guest::Read64(uint64_t addr) {
  const auto v = memory.PeekU64(addr);
  REQUIRE(v.has_value());
  return *v;
}

void Guest::Write64(uint64_t addr, uint64_t v) { REQUIRE(memory.Poke(addr, &v, sizeof v)); }

}  // namespace goemu::emu::testing
