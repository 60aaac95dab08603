// The binary trace's writer and reader on events made by hand: values a 16-byte plain record
// cannot hold, and bytes that are no trace. (tests/trace_golden/binary_trace_test.cpp checks
// whole programs through goemu run and goemu render.)
#include <catch2/catch.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "emulator/machine.h"
#include "trace/binary_format.h"
#include "trace/binary_reader.h"
#include "trace/binary_writer.h"
#include "trace/output_buffer.h"

namespace goemu::trace {
namespace {

// An event as the reader hands it over, with its frames copied out.
struct Read {
  EventKind kind;
  uint64_t step, pc, next_pc, sp, site;
  uint32_t depth, from_func, to_func;
  int64_t goid;
  std::string stack;
  std::vector<std::pair<uint32_t, uint64_t>> frames;  // function, entry SP
};

class CollectingSink : public EventSink {
 public:
  void OnEvent(const Event& e, const emu::Machine&) override {
    Read r{e.kind, e.step, e.pc, e.next_pc, e.sp, e.site, e.depth, e.from_func, e.to_func, e.goid,
           std::string(e.stack), {}};
    for (const Frame& f : e.frames) r.frames.emplace_back(f.func, f.entry_sp);
    events.push_back(r);
  }
  std::vector<Read> events;
};

struct Replayed {
  bool whole;
  std::string error;
  std::vector<Read> events;
};

Replayed Replay(const std::string& bytes, uint32_t func_count = 100) {
  BinaryTraceReader reader(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  BinaryTraceHeader header;
  REQUIRE(reader.ReadHeader(&header));
  CollectingSink sink;
  emu::Memory memory;
  const emu::Machine machine(memory);
  const bool whole = reader.Replay(sink, machine, func_count, [] { return true; });
  return Replayed{whole, reader.error(), sink.events};
}

// main (func 1) at entry SP 0x7000 calls f (func 2) at 0x6ff0, as a general record.
Event FirstCall(const std::vector<Frame>& frames) {
  Event e;
  e.kind = EventKind::kCall;
  e.step = 10;
  e.pc = 0x401010;
  e.next_pc = 0x401100;
  e.sp = 0x6ff0;
  e.goid = 1;
  e.stack = "g1";
  e.depth = 2;
  e.frames = frames;
  e.from_func = 1;
  e.to_func = 2;
  e.site = e.pc;
  return e;
}

// The trace of FirstCall followed by these plain calls and returns.
std::string TraceWith(const std::vector<PlainFlow>& flows) {
  const isa::Image image;
  const std::vector<Frame> frames = {Frame{.entry_sp = 0x7000, .func = 1}, Frame{.entry_sp = 0x6ff0, .func = 2}};
  std::string bytes;
  OutputBuffer out(&bytes);
  BinaryWriter writer(image, {"/src/a.s"}, out);
  emu::Memory memory;
  const emu::Machine machine(memory);
  writer.OnEvent(FirstCall(frames), machine);
  for (const PlainFlow& flow : flows) writer.OnPlainFlow(flow);
  writer.Finish();
  return bytes;
}

TEST_CASE("binary trace: plain calls and returns that do not fit 16 bytes take the general record", "[binary]") {
  // Fits: f calls g (func 3) 5 steps later.
  const PlainFlow fits{EventKind::kCall, 15, 0x401105, 0x401200, 0x6fe8, 2, 3};
  const std::string bytes = TraceWith({
      fits,
      // A step gap over 255: g returns to f.
      PlainFlow{EventKind::kReturn, 1015, 0x401210, 0x40110a, 0x6ff0, 3, 2},
      // A callee past 4 GiB.
      PlainFlow{EventKind::kCall, 1020, 0x401110, 0x1'0000'0000, 0x6fe8, 2, 4},
      // A return to an SP 2^40 away (no real stack does it; the format must still hold it).
      PlainFlow{EventKind::kReturn, 1021, 0x1'0000'0010, 0x401115, 0x6fe8 + (1ull << 40), 4, 2},
  });
  // The end record's count is one byte either way.
  CHECK(TraceWith({fits}).size() - TraceWith({}).size() == binary::kPlainSize);
  const Replayed r = Replay(bytes);
  CHECK(r.whole);
  CHECK(r.error.empty());
  REQUIRE(r.events.size() == 5);
  const Read& first = r.events[0];
  CHECK(first.kind == EventKind::kCall);
  CHECK(first.step == 10);
  CHECK(first.frames == std::vector<std::pair<uint32_t, uint64_t>>{{1, 0x7000}, {2, 0x6ff0}});
  CHECK(first.stack == "g1");
  CHECK(first.goid == 1);

  const Read& call = r.events[1];
  CHECK(call.kind == EventKind::kCall);
  CHECK(call.step == 15);
  CHECK(call.pc == 0x401105);
  CHECK(call.next_pc == 0x401200);
  CHECK(call.sp == 0x6fe8);
  CHECK(call.site == 0x401105);
  CHECK(call.from_func == 2);
  CHECK(call.to_func == 3);
  CHECK(call.depth == 3);
  CHECK(call.stack == "g1");
  CHECK(call.frames.back() == std::pair<uint32_t, uint64_t>{3, 0x6fe8});

  const Read& late_return = r.events[2];
  CHECK(late_return.kind == EventKind::kReturn);
  CHECK(late_return.step == 1015);
  CHECK(late_return.from_func == 3);
  CHECK(late_return.to_func == 2);
  CHECK(late_return.site == 0x40110a);
  CHECK(late_return.depth == 2);
  CHECK(late_return.frames.size() == 2);

  const Read& far_call = r.events[3];
  CHECK(far_call.next_pc == 0x1'0000'0000);
  CHECK(far_call.to_func == 4);
  CHECK(far_call.depth == 3);
  CHECK(far_call.frames.back() == std::pair<uint32_t, uint64_t>{4, 0x6fe8});

  const Read& far_return = r.events[4];
  CHECK(far_return.pc == 0x1'0000'0010);
  CHECK(far_return.sp == 0x6fe8 + (1ull << 40));
  CHECK(far_return.from_func == 4);
  CHECK(far_return.to_func == 2);
  CHECK(far_return.depth == 2);
}

// A trace's header with no files, then records given as bytes.
std::string TraceOf(std::initializer_list<uint8_t> records) {
  std::string bytes(binary::kMagic);
  bytes += static_cast<char>(binary::kVersion);
  bytes += '\0';                // no files
  bytes += std::string(8, 'x');  // the fingerprint
  for (uint8_t b : records) bytes += static_cast<char>(b);
  return bytes;
}

constexpr uint8_t kCallTag = static_cast<uint8_t>(EventKind::kCall);
constexpr uint8_t kPlainReturn = static_cast<uint8_t>(EventKind::kReturn) | binary::kPlain;
constexpr size_t kHeader = 19 + 1 + 1 + 8;

TEST_CASE("binary trace: bytes that are no trace give an error naming the byte", "[binary]") {
  // A general call: tag, step 1, pc +0x10, next_pc +0, sp +0, depth +1, frames: 0 popped,
  // 1 pushed (func code 2, entry SP +0), from func code 1, to 2, site +0.
  const std::initializer_list<uint8_t> call = {kCallTag | binary::kFrames, 1, 0x20, 0, 0, 2, 0, 1, 2, 0, 1, 2, 0};
  SECTION("a whole trace") {
    std::string bytes = TraceOf(call);
    bytes += static_cast<char>(binary::kEndTag);
    bytes += '\1';
    const Replayed r = Replay(bytes);
    CHECK(r.whole);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].pc == 0x10);
    CHECK(r.events[0].frames == std::vector<std::pair<uint32_t, uint64_t>>{{1, 0}});
  }
  SECTION("events before any g and stack have none (the fuzzer's first find: no null name)") {
    std::string bytes = TraceOf(call);
    bytes += static_cast<char>(binary::kEndTag);
    bytes += '\1';
    const Replayed r = Replay(bytes);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].stack.empty());
    CHECK(r.events[0].goid == -1);
  }
  SECTION("an unknown tag") {
    const Replayed r = Replay(TraceOf({0x3f}));
    CHECK(!r.whole);
    CHECK(r.error == fmt::format("byte {}: an event tag, not 0x3f", kHeader));
  }
  SECTION("a plain record of a kind that has none") {
    const Replayed r = Replay(TraceOf({static_cast<uint8_t>(EventKind::kSyscall) | binary::kPlain}));
    CHECK(r.error == fmt::format("byte {}: an event tag, not 0x47", kHeader));
  }
  SECTION("a function number past the program's") {
    const Replayed r = Replay(TraceOf(call), 1);
    CHECK(r.error == fmt::format("byte {}: a function number below 2", kHeader + 8));
  }
  SECTION("a plain return without a caller's frame") {
    std::string bytes = TraceOf(call);
    bytes += std::string({static_cast<char>(kPlainReturn), 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    const Replayed r = Replay(bytes);
    CHECK(r.events.size() == 1);
    CHECK(r.error == fmt::format("byte {}: a return with a caller's frame", kHeader + call.size()));
  }
  SECTION("more frames popped than there are") {
    const Replayed r = Replay(TraceOf({kCallTag | binary::kFrames, 1, 0, 0, 0, 0, 1, 0}));
    CHECK(r.error == fmt::format("byte {}: at most 0 frames popped", kHeader + 6));
  }
  SECTION("an end record with the wrong count, or bytes after it") {
    std::string bytes = TraceOf(call);
    bytes += static_cast<char>(binary::kEndTag);
    CHECK(Replay(bytes + '\2').error == fmt::format("byte {}: an end record counting 2 events where 1 were read",
                                                    kHeader + call.size() + 1));
    CHECK(Replay(bytes + '\1' + 'x').error ==
          fmt::format("byte {}: the end of the trace after its end record", kHeader + call.size() + 2));
  }
  SECTION("a number that does not end") {
    const Replayed r = Replay(TraceOf({kCallTag, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
    CHECK(r.error == fmt::format("byte {}: a number longer than 10 bytes", kHeader + 1));
  }
}

}  // namespace
}  // namespace goemu::trace
