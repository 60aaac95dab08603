#include "trace/stop_point.h"

#include <charconv>

#include <fmt/format.h>

namespace goemu::trace {
namespace {

// Decimal, or hex with 0x.
std::optional<uint64_t> ParseNumber(std::string_view text) {
  int base = 10;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(2);
    base = 16;
  }
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

ParsedStopPoint Fail(std::string message) { return ParsedStopPoint{std::nullopt, std::move(message)}; }

}  // namespace

std::optional<EventKind> ParseEventKind(std::string_view name) {
  for (int k = 0; k < kEventKindCount; ++k) {
    if (EventName(static_cast<EventKind>(k)) == name) return static_cast<EventKind>(k);
  }
  return std::nullopt;
}

ParsedStopPoint ParseEventPoint(std::string_view text) {
  const size_t hash = text.find('#');
  const auto kind = ParseEventKind(text.substr(0, hash));
  if (!kind) return Fail(fmt::format("{}: no such event (call, return, tail-jump, stack-switch, g-switch, "
                                     "retaddr-rewrite, stack-grow, syscall, fault, exit)", text.substr(0, hash)));
  StopPoint p{StopPoint::Kind::kEvent};
  p.event = *kind;
  if (hash != std::string_view::npos) {
    const auto nth = ParseNumber(text.substr(hash + 1));
    if (!nth || *nth == 0) return Fail(fmt::format("{}: the event number after # counts from 1", text));
    p.nth = *nth;
  }
  return ParsedStopPoint{p, ""};
}

ParsedStopPoint ParseStopPoint(std::string_view text, const isa::Image& image) {
  if (text.empty()) return Fail("empty location");
  if (const auto step = ParseNumber(text)) {
    StopPoint p{StopPoint::Kind::kStep};
    p.step = *step;
    return ParsedStopPoint{p, ""};
  }
  if (ParseEventKind(text.substr(0, text.find('#')))) {
    ParsedStopPoint parsed = ParseEventPoint(text);
    if (parsed.point && parsed.point->nth == 0) parsed.point->nth = 1;
    return parsed;
  }
  // SYMBOL or SYMBOL+off; Go's middle dot (two bytes in UTF-8) is accepted as a dot. The
  // name is copied piece by piece: GCC 12 warns (-Wrestrict) about string::replace here.
  const std::string_view symbol = text.substr(0, text.rfind('+'));
  uint64_t off = 0;
  if (symbol.size() < text.size()) {
    const auto parsed = ParseNumber(text.substr(symbol.size() + 1));
    if (!parsed) return Fail(fmt::format("{}: the offset after + must be a number", text));
    off = *parsed;
  }
  constexpr std::string_view kMiddleDot = "\u00b7";
  std::string name;
  for (std::string_view rest = symbol; !rest.empty();) {
    const size_t at = rest.find(kMiddleDot);
    name += rest.substr(0, at);
    if (at == std::string_view::npos) break;
    name += '.';
    rest.remove_prefix(at + kMiddleDot.size());
  }
  const isa::ImageSymbol* sym = image.FindSymbol(name);
  if (sym == nullptr) return Fail(fmt::format("{}: no such symbol, event or step number", text));
  if (image.InsnAt(sym->addr + off) == nullptr) {
    return Fail(fmt::format("{}: {:#x} does not start an instruction of {}", text, sym->addr + off, name));
  }
  StopPoint p{StopPoint::Kind::kAddress};
  p.address = sym->addr + off;
  return ParsedStopPoint{p, ""};
}

}  // namespace goemu::trace
