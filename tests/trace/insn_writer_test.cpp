// The per-instruction writer's pieces: its step text, its cache of formatted instructions
// under self-modifying code, and the file output it streams through (a writer thread).
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "tests/trace/programs.h"
#include "tests/trace/test_program.h"
#include "trace/buffer_writer.h"
#include "trace/decimal_text.h"
#include "trace/frame_tracer.h"
#include "trace/insn_writer.h"
#include "trace/output_buffer.h"
#include "trace/text_writer.h"

namespace goemu::trace {
namespace {

TEST_CASE("decimal text: counts up by carrying, and starts over on any other number", "[insn-writer]") {
  DecimalText text;
  CHECK(text.Of(0) == "0");
  CHECK(text.Of(1) == "1");
  CHECK(text.Of(9) == "9");
  CHECK(text.Of(10) == "10");
  CHECK(text.Of(11) == "11");
  CHECK(text.Of(99) == "99");
  CHECK(text.Of(100) == "100");
  CHECK(text.Of(101) == "101");
  CHECK(text.Of(7) == "7");
  CHECK(text.Of(999999) == "999999");
  CHECK(text.Of(1000000) == "1000000");
  CHECK(text.Of(UINT64_MAX) == "18446744073709551615");
  for (uint64_t v = 18990; v < 21010; ++v) REQUIRE(text.Of(v) == std::to_string(v));
}

TEST_CASE("decimal text: PutLast writes the last number's digits and returns their end", "[insn-writer]") {
  DecimalText text;
  for (const uint64_t v : {uint64_t{0}, uint64_t{7}, uint64_t{123456}, UINT64_MAX}) {
    char out[64];
    std::memset(out, '#', sizeof out);
    const std::string digits = std::to_string(v);
    text.Of(v);
    char* end = text.PutLast(out + 1);
    CHECK(std::string_view(out + 1, static_cast<size_t>(end - (out + 1))) == digits);
    CHECK(out[0] == '#');
    CHECK(out[21] == '#');  // at most kMax (20) bytes written
  }
}

TEST_CASE("insn writer: an instruction rewritten in memory is shown with its new bytes", "[insn-writer]") {
  testing::TestProgram p(testing::kCallsProgram);
  constexpr uint64_t kRwx = 0x800000;
  REQUIRE(p.memory.Map(kRwx, emu::kPageSize, emu::kPermRead | emu::kPermWrite | emu::kPermExec, "jit"));
  // 0: mov al, 1 (its immediate, byte 1, is rewritten to 7); 2: add bl, al;
  // 4: mov byte ptr [rip-10], 7; 11: inc rcx; 14: cmp rcx, 2; 18: jne 0
  const std::vector<uint8_t> code = {0xb0, 0x01, 0x00, 0xc3, 0xc6, 0x05, 0xf6, 0xff, 0xff, 0xff,
                                     0x07, 0x48, 0xff, 0xc1, 0x48, 0x83, 0xf9, 0x02, 0x75, 0xec};
  REQUIRE(p.memory.Poke(kRwx, code.data(), code.size()));
  p.machine.cpu().rip = kRwx;
  std::string captured;
  {
    OutputBuffer out(&captured);
    TextWriter events(*p.code, out);
    RuntimeView view;
    FrameTracer tracer(*p.code, view, p.memory, events);
    tracer.Start(p.machine);
    InsnWriter insns(*p.code, tracer, out, false);
    insns.Start(p.machine);
    p.machine.SetObserver(&insns);
    p.machine.Run(emu::RunOptions{.max_steps = 100, .stop_at = kRwx + code.size()});
    p.machine.SetObserver(nullptr);
  }
  INFO(captured);
  std::istringstream lines(captured);
  std::vector<std::string> first_insn;  // the lines of the instruction at kRwx, in order
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" 0x800000 ") != std::string::npos) first_insn.push_back(line);
  }
  REQUIRE(first_insn.size() == 2);
  CHECK(first_insn[0].find(" b001 ") != std::string::npos);
  CHECK(first_insn[1].find(" b007 ") != std::string::npos);
  CHECK(p.machine.cpu().gpr[emu::kRbx] == 1 + 7);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("output buffer: a file gets every byte, in order, through the writer thread", "[insn-writer]") {
  const std::string path = fmt::format("/tmp/goemu-output-buffer-test-{}", ::getpid());
  std::string expected;
  {
    std::string error;
    auto out = OutputBuffer::OpenFile(path, &error);
    REQUIRE(out != nullptr);
    // Lines formatted in place and appended, several chunks' worth (a file's are 1 MiB),
    // one line longer than a chunk, appended, which goes out in several write calls, and
    // one formatted in place, longer than the buffer the lines are formatted in (128 KiB)
    // and than a chunk.
    for (int i = 0; i < 400000; ++i) {
      const std::string line = fmt::format("line {} of the test\n", i);
      expected += line;
      if (i % 2 == 0) {
        out->Append(line);
      } else {
        char* p = out->Reserve(line.size());
        std::memcpy(p, line.data(), line.size());
        out->Commit(p + line.size());
      }
      if (i == 200000) {
        const std::string big(3 << 20, 'x');
        expected += big;
        out->Append(big);
      }
      if (i == 300000) {
        const size_t size = (2 << 20) + 12345;
        char* p = out->Reserve(size);
        for (size_t k = 0; k < size; ++k) p[k] = static_cast<char>('a' + k % 26);
        expected.append(p, size);
        out->Commit(p + size);
      }
    }
    out->Flush();
    CHECK(out->error() == 0);
    CHECK(out->bytes_written() == expected.size());
  }
  CHECK(ReadFile(path) == expected);
  // The disk space reserved ahead of the writes is given back: what the file holds is
  // its size rounded up to file-system blocks.
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK(static_cast<uint64_t>(st.st_blocks) * 512 < expected.size() + (1 << 20));
  ::unlink(path.c_str());
}

TEST_CASE("output buffer: an idle writer thread gets a chunk before it is full", "[insn-writer]") {
  const std::string path = fmt::format("/tmp/goemu-output-buffer-early-test-{}", ::getpid());
  std::string expected;
  {
    std::string error;
    auto out = OutputBuffer::OpenFile(path, &error);
    REQUIRE(out != nullptr);
    // 400 KiB: the 128 KiB buffer goes into the chunk three times, and a chunk holds 1 MiB.
    // Without a Flush, the file gets the first 256 KiB (an early chunk) and no more.
    const std::string line(1024, 'e');
    for (int i = 0; i < 400; ++i) {
      out->Append(line);
      expected += line;
    }
    struct stat st;
    for (int i = 0; i < 2000 && (::stat(path.c_str(), &st) != 0 || st.st_size < 256 << 10); ++i) ::usleep(1000);
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK(st.st_size == 256 << 10);
    out->Flush();
  }
  CHECK(ReadFile(path) == expected);
  ::unlink(path.c_str());
}

TEST_CASE("buffer writer: a writer idle long enough sleeps, and a Submit wakes it", "[insn-writer]") {
  const std::string path = fmt::format("/tmp/goemu-buffer-writer-test-{}", ::getpid());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  {
    BufferWriter writer(fd, 64, 2);
    // Submits text and waits up to 2 s for the file to hold want: without a wake-up a
    // sleeping writer would never write it (and Drain would wait for ever).
    auto send = [&](std::string_view text, const std::string& want) {
      Chunk chunk{std::unique_ptr<char[]>(new char[64]), 64, text.size()};
      std::memcpy(chunk.bytes.get(), text.data(), text.size());
      const Chunk empty = writer.Submit(std::move(chunk));
      CHECK(empty.size == 0);
      for (int i = 0; i < 2000 && ReadFile(path) != want; ++i) ::usleep(1000);
      REQUIRE(ReadFile(path) == want);
      writer.Drain();
    };
    // While it polls, a Submit wakes no one: the poll finds the chunk.
    send("polled ", "polled ");
    // Nothing to write for kIdlePolls polls (10 ms): it sleeps until a Submit wakes it.
    for (int i = 0; i < 2000 && !writer.asleep(); ++i) ::usleep(1000);
    REQUIRE(writer.asleep());
    send("woken", "polled woken");
    CHECK(writer.error() == 0);
  }
  ::close(fd);
  ::unlink(path.c_str());
}

TEST_CASE("output buffer: a full disk is an error, not a silent truncation", "[insn-writer]") {
  std::string error;
  auto out = OutputBuffer::OpenFile("/dev/full", &error);
  REQUIRE(out != nullptr);
  for (int i = 0; i < 100000; ++i) out->Append("a line of trace that will not fit\n");
  out->Flush();
  CHECK(out->broken());
  CHECK(out->error() == ENOSPC);
}

}  // namespace
}  // namespace goemu::trace
