// The runtime model running: boot image and initial stack, the Linux layer, the boot path
// of seed 003 as entered functions, stack growth through the stackalloc service.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>

#include "runtime_model/call_trace.h"
#include "runtime_model/layout.h"
#include "runtime_model/process.h"
#include "runtime_model/program.h"

namespace goemu::rt {
namespace {

struct Output {
  std::string out, err;
};

// Builds programs/NAME.s with the runtime and boots it; output is captured per fd.
struct Booted {
  explicit Booted(const std::string& name)
      : process(Build(name), [this](int fd, std::string_view bytes) { (fd == 1 ? output.out : output.err) += bytes; }) {
    BootOptions options;
    options.argv = {"programs/" + name + ".s"};
    boot = process.Boot(options);
  }
  static isa::Image Build(const std::string& name) {
    BuildResult built = BuildProgram({std::string(GOEMU_SOURCE_DIR) + "/programs/" + name + ".s"});
    for (const auto& d : built.diagnostics) UNSCOPED_INFO(d.Format());
    REQUIRE(built.ok());
    return std::move(built.image);
  }
  uint64_t Word(uint64_t addr) { return process.memory().PeekU64(addr).value(); }
  uint64_t Symbol(std::string_view name) {
    const isa::ImageSymbol* sym = process.image().FindSymbol(name);
    REQUIRE(sym != nullptr);
    return sym->addr;
  }

  Output output;
  GuestProcess process;
  BootResult boot;
};

TEST_CASE("boot maps the image and builds the kernel's initial stack") {
  Booted b("bootstrap");
  REQUIRE(b.boot.ok());
  const uint64_t sp = b.process.machine().cpu().gpr[emu::kRsp];
  CHECK(sp == b.boot.initial_sp);
  CHECK(sp % 16 == 0);
  CHECK(sp < kProcessStackTop);
  CHECK(b.process.machine().cpu().rip == b.Symbol("_rt0_amd64_linux"));
  CHECK(b.process.machine().cpu().fs_base == 0);

  // argc, argv[0], NULL, (no envp) NULL, auxv {AT_PAGESZ 4096}, {AT_RANDOM p}, {AT_NULL 0}.
  CHECK(b.Word(sp) == 1);
  const uint64_t argv0 = b.Word(sp + 8);
  char path[32] = {};
  REQUIRE(b.process.memory().Peek(argv0, path, 21));
  CHECK(std::string(path) == "programs/bootstrap.s");
  CHECK(b.Word(sp + 16) == 0);
  CHECK(b.Word(sp + 24) == 0);
  CHECK(b.Word(sp + 32) == 6);
  CHECK(b.Word(sp + 40) == 4096);
  CHECK(b.Word(sp + 48) == 25);
  CHECK(b.Word(sp + 56) == b.boot.at_random);
  CHECK(b.Word(sp + 64) == 0);
  CHECK(b.Word(sp + 72) == 0);
  uint8_t random[16];
  REQUIRE(b.process.memory().Peek(b.boot.at_random, random, 16));
  for (int i = 0; i < 16; ++i) CHECK(random[i] == static_cast<uint8_t>(0x5a + 0x11 * i));

  // Named regions: text from 0x401000, the runtime's g0/m0 in bss, the process stack.
  const emu::Region* text = b.process.memory().FindRegion(0x401000);
  REQUIRE(text != nullptr);
  CHECK(text->name == "text");
  CHECK(text->perms == emu::kPermRX);
  CHECK(b.process.memory().FindRegion(b.Symbol("runtime.m0"))->name == "bss");
  CHECK(b.process.memory().FindRegion(b.Symbol("runtime.mainPC"))->name == "rodata");
  const emu::Region* stack = b.process.memory().FindRegion(sp);
  REQUIRE(stack != nullptr);
  CHECK(stack->name == "process stack");
  CHECK(stack->base + stack->size == kProcessStackTop);
}

// The subsequence of `lines` that `path` must appear in, in order.
bool ContainsInOrder(const std::vector<std::string>& lines, const std::vector<std::string>& path) {
  auto at = lines.begin();
  for (const std::string& want : path) {
    at = std::find(at, lines.end(), want);
    if (at == lines.end()) {
      UNSCOPED_INFO("missing, in order: " << want);
      return false;
    }
    ++at;
  }
  return true;
}

TEST_CASE("bootstrap.s boots like seed 003: rt0_go, settls, newproc, mstart, schedule, gogo, main") {
  Booted b("bootstrap");
  REQUIRE(b.boot.ok());
  std::vector<std::string> lines;
  CallTracer tracer(b.process.image(), b.process.syscalls(), [&](const std::string& line) { lines.push_back(line); });
  b.process.machine().SetObserver(&tracer);
  const emu::RunResult result = b.process.Run(1'000'000);
  REQUIRE(result.reason == emu::StopReason::kExit);
  CHECK(result.exit_code == 0);
  CHECK(b.output.err == "hello, world\n");
  CHECK(b.output.out.empty());

  const uint64_t tls1 = b.Symbol("runtime.m0") + Offset("m.tls") + 8;
  CHECK(ContainsInOrder(lines, {
      "jmp _rt0_amd64", "jmp runtime.rt0_go", "call runtime.settls",
      fmt::format("syscall arch_prctl(0x1002, {:#x}) = 0x0", tls1),
      "call runtime.args", "call runtime.osinit", "call runtime.schedinit", "call runtime.mcommoninit",
      "call runtime.procresize", "call runtime.newproc", "call runtime.systemstack", "jmp runtime.newproc.func1",
      "call runtime.newproc1", "call runtime.malg", "call runtime.stackalloc", "service stackalloc",
      "call runtime.gostartcallfn", "call runtime.runqput", "call runtime.mstart", "call runtime.mstart1",
      "call runtime.schedule", "call runtime.runqget", "call runtime.execute", "call runtime.gogo",
      "jmp runtime.main", "call main.main", "call runtime.printstring", "call runtime.exit",
      "syscall exit_group(0x0) = 0x0"}));
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("syscall write(0x2, "); }) == 2);
  CHECK(lines.back() == "syscall exit_group(0x0) = 0x0");

  // The guest's arch_prctl set FS: FS:-8 is m0.tls[0], which now holds goroutine 1.
  CHECK(b.process.machine().cpu().fs_base == tls1);
  const uint64_t g = b.Word(tls1 - 8);
  CHECK(b.Word(g + Offset("g.goid")) == 1);
  CHECK(b.process.syscalls().unimplemented().empty());
}

TEST_CASE("stackgrow.s doubles the goroutine stack from 2 KiB and sums correctly") {
  Booted b("stackgrow");
  REQUIRE(b.boot.ok());
  const emu::RunResult result = b.process.Run(100'000'000);
  REQUIRE(result.reason == emu::StopReason::kExit);
  CHECK(result.exit_code == 0);
  CHECK(b.output.err == "sum(100) = 5050\nsum(100000) = 5000050000\n");
  // m0's signal stack, goroutine 1's first stack, then one doubling per growth up to the
  // 4 MiB that 100000 frames of 32 bytes need.
  std::vector<uint64_t> expected = {32768};
  for (uint64_t size = 2048; size <= 4 * 1024 * 1024; size *= 2) expected.push_back(size);
  CHECK(b.process.syscalls().services().arena().stack_sizes() == expected);
  // The final stack is a named 4 MiB region in the arena.
  const uint64_t g = b.Word(b.process.machine().cpu().fs_base - 8);
  const uint64_t lo = b.Word(g + Offset("g.stack.lo"));
  CHECK(b.Word(g + Offset("g.stack.hi")) - lo == 4 * 1024 * 1024);
  CHECK(lo >= GuestArena::kBase);
  CHECK(b.process.memory().FindRegion(lo)->name == "goroutine stack (4096 KiB)");
}

TEST_CASE("bigframes.s grows a goroutine's stack through all three checks, then for a closure") {
  Booted b("bigframes");
  REQUIRE(b.boot.ok());
  const emu::RunResult result = b.process.Run(100'000'000);
  REQUIRE(result.reason == emu::StopReason::kExit);
  CHECK(result.exit_code == 0);
  CHECK(b.output.err == "big 4088 5000 70000\nclosure 10007\ndeferred 42\n");
  // gsignal, goroutine 1, the grower's 2 KiB; f4088 (4096-byte frame, "big" check) needs 8 KiB,
  // f70000 ("huge" check) 128 KiB, 10000 closure frames of 40 bytes 512 KiB: one doubling
  // per morestack, each rerunning the check.
  const std::vector<uint64_t> expected = {32768, 2048, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288};
  CHECK(b.process.syscalls().services().arena().stack_sizes() == expected);
}

TEST_CASE("the Linux layer: fd 1 and fd 2 apart, -ENOSYS counted, gettid fixed") {
  Booted b("syscalls");
  REQUIRE(b.boot.ok());
  const emu::RunResult result = b.process.Run(1'000'000);
  REQUIRE(result.reason == emu::StopReason::kExit);
  CHECK(b.output.out == "to stdout\n");
  CHECK(b.output.err == "-38\n1\n");
  CHECK(b.process.syscalls().unimplemented() == std::map<uint64_t, uint64_t>{{39, 1}});
}

TEST_CASE("past --max-stack newstack throws on g0: runtime stack, then the goroutine, status 2") {
  const std::string path = (std::filesystem::temp_directory_path() / "goemu_overflow.s").string();
  std::ofstream(path) << "#include \"funcdata.h\"\n"
                         "TEXT main·f(SB), $16-8\n\tNO_LOCAL_POINTERS\n\tMOVQ\tn+0(FP), AX\n\tINCQ\tAX\n"
                         "\tMOVQ\tAX, 0(SP)\n\tCALL\tmain·f(SB)\n\tRET\n"
                         "TEXT main·main(SB), $8-0\n\tMOVQ\t$0, 0(SP)\n\tCALL\tmain·f(SB)\n\tRET\n";
  BuildResult built = BuildProgram({path});
  REQUIRE(built.ok());
  std::string err;
  GuestProcess process(std::move(built.image), [&](int, std::string_view bytes) { err += bytes; });
  BootOptions options;
  options.argv = {path};
  options.max_stack_size = 65536;
  REQUIRE(process.Boot(options).ok());
  const emu::RunResult result = process.Run(10'000'000);
  REQUIRE(result.reason == emu::StopReason::kExit);
  CHECK(result.exit_code == 2);
  // go1.13's runtime stack: g0 is not the current goroutine, so no fp/sp/pc there.
  CHECK(err.starts_with("runtime: goroutine stack exceeds 65536-byte limit\n"
                        "fatal error: stack overflow\n"
                        "\nruntime stack:\n"
                        "runtime.throw(0x"));
  CHECK(err.find("\truntime_model/asm/panic.s:30 +0x61\nruntime.newstack()\n") != std::string::npos);
  CHECK(err.find("runtime.morestack()\n\truntime_model/asm/asm_amd64.s:") != std::string::npos);
  // The goroutine: f where its split check called morestack (the TEXT line), with its
  // argument and, the m throwing, fp/sp/pc; then its callers.
  CHECK(err.find("\ngoroutine 1 [running]:\nmain.f(0x") != std::string::npos);
  CHECK(err.find(")\n\t" + path + ":2 +0x") != std::string::npos);
  CHECK(err.find(" fp=0xc") != std::string::npos);
  CHECK(err.find("\tmain.f(") == std::string::npos);
  CHECK(err.ends_with("...additional frames elided...\n"));
  // Stacks doubled up to the limit: 2 KiB ... 64 KiB.
  const auto& sizes = process.syscalls().services().arena().stack_sizes();
  CHECK((std::vector<uint64_t>(sizes.begin() + 1, sizes.end()) ==
         std::vector<uint64_t>{2048, 4096, 8192, 16384, 32768, 65536}));
}

TEST_CASE("DescribeSyscall names calls, services and unknown numbers") {
  CHECK(DescribeSyscall({158, {0x1002, 0x406208, 7}, 0}) == "arch_prctl(0x1002, 0x406208) = 0x0");
  CHECK(DescribeSyscall({1, {2, 0x404000, 12}, 12}) == "write(0x2, 0x404000, 0xc) = 0xc");
  CHECK(DescribeSyscall({39, {0, 0, 0}, -38}) == "syscall_39(0x0, 0x0, 0x0) = -0x26");
  CHECK(DescribeSyscall({0x10000, {0, 0, 0}, 0}) == "service stackalloc");
}

}  // namespace
}  // namespace goemu::rt
