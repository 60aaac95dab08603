// The frame tracer's fast paths (SP moved within the innermost frame, one frame pushed, one
// popped) against its general search: every program of programs/ and bench/programs/, run
// once each way, must give the same events with the same frames, field for field. The
// programs hold the edges the fast paths must leave to the search: jmpdefer's rewritten
// return slots, gogo and mcall's stack switches, morestack and copystack, goexit under a
// goroutine's first function, faults mid-call.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/runtime_layout.h"
#include "runtime_model/process.h"
#include "runtime_model/program.h"
#include "trace/frame_tracer.h"

namespace goemu::trace {
namespace {

namespace fs = std::filesystem;

// One number per event, from every field a writer can read and the frames of the stack.
class DigestSink : public EventSink {
 public:
  void OnEvent(const Event& e, const emu::Machine&) override {
    uint64_t h = 0xcbf29ce484222325;
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 0x100000001b3; };
    auto mix_text = [&mix](std::string_view s) {
      mix(s.size());
      for (const char c : s) mix(static_cast<unsigned char>(c));
    };
    for (uint64_t v : {uint64_t(e.kind), e.step, e.pc, e.next_pc, e.sp, uint64_t(e.goid), uint64_t(e.depth),
                       uint64_t(e.from_func), uint64_t(e.to_func), e.site, uint64_t(e.old_goid), e.old_g_ptr,
                       e.g_ptr, e.slot, e.old_value, e.new_value, e.old_bounds.lo, e.old_bounds.hi,
                       e.new_bounds.lo, e.new_bounds.hi, uint64_t(e.sysno), e.sysargs[0], e.sysargs[1],
                       e.sysargs[2], e.result, e.fault_addr, uint64_t(e.exit_code)}) {
      mix(v);
    }
    for (std::string_view s : {e.stack, e.from_stack, e.sysname, e.fault_kind}) mix_text(s);
    // The fast paths change only the innermost two frames: each event hashes the innermost
    // eight, every 256th all of them (deep recursion would make whole stacks quadratic).
    mix(e.frames.size());
    const size_t from = digests.size() % 256 == 0 || e.frames.size() < 8 ? 0 : e.frames.size() - 8;
    for (const Frame& f : e.frames.subspan(from)) {
      mix(f.pc);
      mix(f.entry_sp);
      mix(f.func);
      mix(f.rewritten);
    }
    digests.push_back(h);
    steps.push_back(e.step);
  }
  std::vector<uint64_t> digests;
  std::vector<uint64_t> steps;
};

DigestSink Trace(const std::vector<std::string>& sources, const std::vector<std::string>& argv, bool fast) {
  rt::BuildResult built = rt::BuildProgram(sources);
  REQUIRE(built.ok());
  rt::GuestProcess process(std::move(built.image), [](int, std::string_view) {});
  rt::BootOptions boot;
  boot.argv = argv;
  REQUIRE(process.Boot(boot).ok());
  const CodeIndex code(process.image());
  const RuntimeView view(cli::ModelRuntimeLayout(process.image()));
  DigestSink sink;
  emu::Machine& machine = process.machine();
  FrameTracer tracer(code, view, machine.memory(), sink);
  tracer.set_fast_paths(fast);
  tracer.Start(machine);
  TracingSyscallHandler syscalls(tracer, machine.syscall_handler());
  machine.SetSyscallHandler(&syscalls);
  machine.SetObserver(&tracer);
  const emu::RunResult result = process.Run(rt::kDefaultMaxSteps);
  tracer.Finish(machine, result);
  machine.SetObserver(nullptr);
  machine.SetSyscallHandler(syscalls.inner());
  return sink;
}

void CheckSameEvents(const std::vector<std::string>& sources, const std::vector<std::string>& argv) {
  INFO(sources.front());
  const DigestSink fast = Trace(sources, argv, true);
  const DigestSink general = Trace(sources, argv, false);
  REQUIRE(!general.digests.empty());
  size_t first_diff = 0;
  while (first_diff < fast.digests.size() && first_diff < general.digests.size() &&
         fast.digests[first_diff] == general.digests[first_diff]) {
    ++first_diff;
  }
  INFO("first difference at event " << first_diff << " (step "
                                    << (first_diff < general.steps.size() ? general.steps[first_diff] : 0) << ")");
  CHECK(fast.digests.size() == general.digests.size());
  CHECK(first_diff == general.digests.size());
}

// Programs whose source asks for run flags (a lowered stack or memory limit) are left out:
// the defaults would run them far past what their goldens show.
bool HasRunFlags(const fs::path& source) {
  std::ifstream in(source);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.find("// Run flags:") != std::string::npos;
}

TEST_CASE("fast paths: the same events as the general search on every program", "[fast-path]") {
  const fs::path root = GOEMU_SOURCE_DIR;
  size_t programs = 0;
  for (const char* sub : {"programs", "programs/faults"}) {
    for (const auto& entry : fs::directory_iterator(root / sub)) {
      if (entry.path().extension() != ".s" || HasRunFlags(entry.path())) continue;
      CheckSameEvents({entry.path().string()}, {entry.path().stem().string()});
      ++programs;
    }
  }
  CHECK(programs >= 30);
}

TEST_CASE("fast paths: the same events on the bench programs (deep recursion, defer, Gosched, growth)",
          "[fast-path]") {
  const fs::path bench = fs::path(GOEMU_SOURCE_DIR) / "bench" / "programs";
  const std::string common = (bench / "common.s").string();
  for (const auto& [name, count] : {std::pair{"call_bench", "3"}, std::pair{"defer_bench", "20"},
                                    std::pair{"pingpong_bench", "20"}, std::pair{"stackgrow_bench", "2"}}) {
    CheckSameEvents({(bench / (std::string(name) + ".s")).string(), common}, {name, count});
  }
}

}  // namespace
}  // namespace goemu::trace
