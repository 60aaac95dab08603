// The writers' number formatting against fmt's, at every width and its edges.
#include "trace/event_format.h"
#include "trace/step_column.h"
#include "trace/step_digits.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

namespace goemu::trace {
namespace {

std::vector<uint64_t> Values() {
  std::vector<uint64_t> values = {0, 1, 9, 10, 99, 100, 0xf, 0x10, 0xff, 0x4011d8, 0xc000041f58, ~uint64_t{0}};
  for (int bits = 1; bits <= 64; ++bits) {
    const uint64_t top = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    values.push_back(top);
    values.push_back(uint64_t{1} << (bits - 1));
    values.push_back(top / 10 * 10);
  }
  for (uint64_t ten = 1; ten <= 1'000'000'000'000'000'000u; ten *= 10) {
    values.push_back(ten);
    values.push_back(ten - 1);
  }
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) values.push_back(random() >> (random() % 64));
  return values;
}

TEST_CASE("PutHex, PutDec and PutSigned write what fmt writes, and nothing past what they return", "[writers]") {
  for (const uint64_t v : Values()) {
    INFO(v);
    char buffer[40];
    std::memset(buffer, '#', sizeof buffer);
    char* end = PutHex(buffer, v);
    CHECK(std::string(buffer, end) == fmt::format("{:#x}", v));
    CHECK(std::string(end, buffer + sizeof buffer) == std::string(buffer + sizeof buffer - end, '#'));
    end = PutDec(buffer, v);
    CHECK(std::string(buffer, end) == fmt::format("{}", v));
    const auto s = static_cast<int64_t>(v);
    end = PutSigned(buffer, s);
    CHECK(std::string(buffer, end) == fmt::format("{}", s));
  }
}

TEST_CASE("PutDec4Before and PutShort write what fmt writes, and only there", "[writers]") {
  for (uint32_t v = 0; v < 10000; ++v) {
    char buffer[8];
    std::memset(buffer, '#', sizeof buffer);
    PutDec4Before(buffer + 6, v);
    REQUIRE(std::string(buffer, sizeof buffer) == fmt::format("{:#>6}##", v));
  }
  const std::string text = "abcdefgh";
  for (size_t n = 0; n <= 8; ++n) {
    char buffer[10];
    std::memset(buffer, '#', sizeof buffer);
    CHECK(PutShort(buffer + 1, std::string_view(text).substr(0, n)) == buffer + 1 + n);
    CHECK(std::string(buffer, sizeof buffer) == "#" + text.substr(0, n) + std::string(9 - n, '#'));
  }
}

TEST_CASE("StepColumn writes {:>10} for steps that go up, down and across its kept digits", "[writers]") {
  StepColumn column;
  std::vector<uint64_t> steps = {0, 7, 9999, 10000, 10009, 19999, 20000, 5, 123456789, 123456798, 9999999999};
  for (uint64_t v = 99'990; v < 100'200; v += 3) steps.push_back(v);
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) steps.push_back(random() % StepColumn::kLimit >> (random() % 34));
  for (const uint64_t v : steps) {
    INFO(v);
    char buffer[12];
    std::memset(buffer, ' ', sizeof buffer);
    column.Put(buffer + 10, v);
    REQUIRE(std::string(buffer, sizeof buffer) == fmt::format("{:>10}  ", v));
  }
}

TEST_CASE("StepDigits writes a step's digits for steps that go up, down and across its kept digits", "[writers]") {
  StepDigits digits;
  std::vector<uint64_t> steps = {0, 7, 9999, 10000, 10009, 19999, 20000, 5, 123456789, 123456798, UINT64_MAX};
  for (uint64_t v = 99'990; v < 100'200; v += 3) steps.push_back(v);
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) steps.push_back(random() >> (random() % 64));
  for (const uint64_t v : steps) {
    INFO(v);
    char buffer[20 + StepDigits::kSlack];
    const char* end = digits.Put(buffer, v);
    REQUIRE(std::string(buffer, static_cast<size_t>(end - buffer)) == fmt::format("{}", v));
  }
}

}  // namespace
}  // namespace goemu::trace
