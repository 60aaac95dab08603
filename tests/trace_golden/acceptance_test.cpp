// The tracer's acceptance points, checked on the real programs under the real runtime model:
// the defer loop (seed 000), the bootstrap path (seed 003), systemstack/mcall switches
// (seed 002), stack growth (seed 004), and the diagram right after jmpdefer's SUBQ $5, (SP).
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>

#include "cli/runtime_layout.h"
#include "runtime_model/process.h"
#include "runtime_model/program.h"
#include "trace/diagram.h"
#include "trace/frame_tracer.h"

namespace goemu::trace {
namespace {

struct Seen {
  EventKind kind;
  uint64_t step, pc, site;
  std::string fn_at;  // symbolized pc
  std::string from, to, stack, from_stack, sysname;
  uint32_t depth;
  int64_t goid, old_goid;
  uint64_t g_ptr, slot, old_value, new_value;
  int64_t sysno;
  StackBounds old_bounds, new_bounds;
  std::vector<uint32_t> frames;  // functions, outermost first (only for kinds asked for)
};

class Recorder : public EventSink {
 public:
  using Filter = std::function<bool(const Event&)>;
  Recorder(const CodeIndex& code, Filter keep_frames) : code_(code), keep_frames_(std::move(keep_frames)) {}
  void OnEvent(const Event& e, const emu::Machine&) override {
    Seen s{e.kind, e.step, e.pc, e.site, code_.Symbolize(e.pc), std::string(code_.FuncName(e.from_func)),
           std::string(code_.FuncName(e.to_func)), std::string(e.stack), std::string(e.from_stack),
           std::string(e.sysname), e.depth, e.goid, e.old_goid, e.g_ptr, e.slot, e.old_value, e.new_value, e.sysno,
           e.old_bounds, e.new_bounds, {}};
    if (keep_frames_ && keep_frames_(e)) {
      for (const Frame& f : e.frames) s.frames.push_back(f.func);
    }
    events.push_back(std::move(s));
  }
  std::vector<Seen> events;

 private:
  const CodeIndex& code_;
  Filter keep_frames_;
};

// One program of programs/ booted under the runtime model with the frame tracer attached.
struct Traced {
  explicit Traced(const std::string& name, Recorder::Filter keep_frames = nullptr) {
    rt::BuildResult built = rt::BuildProgram({std::string(GOEMU_SOURCE_DIR) + "/programs/" + name + ".s"});
    REQUIRE(built.ok());
    process = std::make_unique<rt::GuestProcess>(std::move(built.image),
                                                 [this](int, std::string_view bytes) { output += bytes; });
    rt::BootOptions boot;
    boot.argv = {name};
    REQUIRE(process->Boot(boot).ok());
    code = std::make_unique<CodeIndex>(process->image());
    view = std::make_unique<RuntimeView>(cli::ModelRuntimeLayout(process->image()));
    recorder = std::make_unique<Recorder>(*code, std::move(keep_frames));
    emu::Machine& machine = process->machine();
    tracer = std::make_unique<FrameTracer>(*code, *view, machine.memory(), *recorder);
    tracer->Start(machine);
    syscalls = std::make_unique<TracingSyscallHandler>(*tracer, machine.syscall_handler());
    machine.SetSyscallHandler(syscalls.get());
    machine.SetObserver(tracer.get());
  }
  void Run() {
    result = process->Run(rt::kDefaultMaxSteps);
    tracer->Finish(process->machine(), result);
  }
  uint64_t Addr(std::string_view symbol) const { return process->image().FindSymbol(symbol)->addr; }
  // The first instruction of `symbol` whose text starts with `text` (tab as space).
  uint64_t InsnAddr(std::string_view symbol, std::string_view text) const {
    const isa::ImageSymbol* sym = process->image().FindSymbol(symbol);
    for (uint64_t pc = sym->addr; pc < sym->addr + sym->symbol.size; ++pc) {
      if (const isa::Instruction* insn = process->image().InsnAt(pc)) {
        std::string t = insn->text;
        std::replace(t.begin(), t.end(), '\t', ' ');
        if (t.starts_with(text)) return pc;
      }
    }
    FAIL("no " << text << " in " << symbol);
    return 0;
  }
  std::vector<Seen> Of(EventKind kind) const {
    std::vector<Seen> out;
    std::copy_if(recorder->events.begin(), recorder->events.end(), std::back_inserter(out),
                 [kind](const Seen& s) { return s.kind == kind; });
    return out;
  }
  std::string Names(const std::vector<uint32_t>& funcs) const {
    std::string s;
    for (uint32_t f : funcs) s += fmt::format("{} ", code->FuncName(f));
    return s;
  }

  std::string output;
  std::unique_ptr<rt::GuestProcess> process;
  std::unique_ptr<CodeIndex> code;
  std::unique_ptr<RuntimeView> view;
  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<FrameTracer> tracer;
  std::unique_ptr<TracingSyscallHandler> syscalls;
  emu::RunResult result{emu::StopReason::kEnd};
};

// Checks the defer loop of one function: `count` rewrites of its return slot by -5, each
// followed at once by the deferred function's call from the CALL deferreturn site, and the
// stack never deeper than deferreturn + jmpdefer above the function.
void CheckDeferLoop(const Traced& t, std::string_view fn, std::string_view deferred, size_t count) {
  const uint64_t call_site = t.InsnAddr(fn, "CALL runtime.deferreturn");
  const auto& ev = t.recorder->events;
  size_t rewrites = 0;
  uint32_t fn_depth = 0;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].kind != EventKind::kRetaddrRewrite || t.code->Lookup(ev[i].new_value).func != t.code->Lookup(call_site).func) continue;
    ++rewrites;
    INFO("rewrite at step " << ev[i].step);
    CHECK(static_cast<int64_t>(ev[i].new_value - ev[i].old_value) == -5);
    CHECK(ev[i].new_value == call_site);
    CHECK(ev[i].fn_at.starts_with("runtime.jmpdefer+"));
    REQUIRE(i + 1 < ev.size());
    CHECK(ev[i + 1].kind == EventKind::kCall);
    CHECK(ev[i + 1].from == fn);
    CHECK(ev[i + 1].to == deferred);
    CHECK(ev[i + 1].site == call_site);
    fn_depth = ev[i].depth;
  }
  CHECK(rewrites == count);
  // Between the first CALL deferreturn and fn's return, no frame above fn + deferreturn +
  // jmpdefer, or the deferred function and what it calls.
  uint32_t max_runtime_depth = 0;
  bool inside = false;
  for (const Seen& s : ev) {
    if (s.kind == EventKind::kCall && s.to == "runtime.deferreturn" && s.from == fn) inside = true;
    if (s.kind == EventKind::kReturn && s.from == fn) inside = false;
    if (inside && (s.to == "runtime.deferreturn" || s.to == "runtime.jmpdefer")) {
      max_runtime_depth = std::max(max_runtime_depth, s.depth);
    }
  }
  // The rewrite is seen with jmpdefer's frame on fn (fn + 1); deferreturn and jmpdefer on top
  // of fn reach fn + 2 each round, never more.
  CHECK(max_runtime_depth == fn_depth + 1);
}

TEST_CASE("defer: exactly three rewrites by -5 in threeDefers, each re-running CALL deferreturn into show",
          "[acceptance]") {
  Traced t("defer");
  t.Run();
  CHECK(t.result.reason == emu::StopReason::kExit);
  CheckDeferLoop(t, "main.threeDefers", "main.show", 3);
  CheckDeferLoop(t, "main.main", "main.main.func1", 1);
  CHECK(t.Of(EventKind::kRetaddrRewrite).size() == 4);
}

TEST_CASE("jmpdefer: exactly three rewrites by -5, the stack depth bounded", "[acceptance]") {
  Traced t("jmpdefer");
  t.Run();
  CHECK(t.Of(EventKind::kRetaddrRewrite).size() == 3);
  CheckDeferLoop(t, "main.loop", "main.where", 3);
}

TEST_CASE("bootstrap: settls, the TLS self-test, g0 -> g1 in gogo, runtime.main and main.main on g1",
          "[acceptance]") {
  Traced t("bootstrap");
  t.Run();
  const auto& ev = t.recorder->events;
  // The milestones in order; each must come after the previous one.
  size_t at = 0;
  auto next = [&](std::string_view what, auto pred) -> const Seen& {
    while (at < ev.size() && !pred(ev[at])) ++at;
    INFO("looking for " << what);
    REQUIRE(at < ev.size());
    return ev[at++];
  };
  next("call settls", [](const Seen& s) { return s.kind == EventKind::kCall && s.to == "runtime.settls"; });
  const Seen& prctl = next("arch_prctl", [](const Seen& s) { return s.kind == EventKind::kSyscall; });
  CHECK(prctl.sysname == "arch_prctl");
  CHECK(prctl.sysno == 158);
  const Seen& selftest = next("0x123", [](const Seen& s) { return s.kind == EventKind::kGSwitch; });
  CHECK(selftest.g_ptr == 0x123);
  CHECK(selftest.goid == -1);
  const Seen& g0 = next("g0", [](const Seen& s) { return s.kind == EventKind::kGSwitch; });
  CHECK(g0.goid == 0);
  CHECK(g0.fn_at.starts_with("runtime.rt0_go+"));
  next("newproc", [](const Seen& s) { return s.kind == EventKind::kCall && s.to == "runtime.newproc"; });
  // mstart is a top frame: below it nothing unwinds, so rt0_go's CALL shows as a tail-jump.
  const Seen& mstart = next("mstart", [](const Seen& s) { return s.to == "runtime.mstart"; });
  CHECK(mstart.kind == EventKind::kTailJump);
  CHECK(mstart.depth == 1);
  const Seen& to_g1 = next("g-switch to g1", [](const Seen& s) { return s.kind == EventKind::kGSwitch; });
  CHECK(to_g1.old_goid == 0);
  CHECK(to_g1.goid == 1);
  CHECK(to_g1.fn_at.starts_with("runtime.gogo+"));
  const Seen& sw = next("stack-switch", [](const Seen& s) { return s.kind == EventKind::kStackSwitch; });
  CHECK(sw.from_stack == "g0");
  CHECK(sw.stack == "g1");
  CHECK(sw.fn_at.starts_with("runtime.gogo+"));
  const Seen& rmain = next("runtime.main", [](const Seen& s) { return s.to == "runtime.main"; });
  CHECK(rmain.kind == EventKind::kTailJump);
  CHECK(rmain.stack == "g1");
  const Seen& mmain = next("main.main", [](const Seen& s) { return s.to == "main.main"; });
  CHECK(mmain.kind == EventKind::kCall);
  CHECK(mmain.from == "runtime.main");
  CHECK(mmain.stack == "g1");
  CHECK(mmain.goid == 1);
  const Seen& exit = next("exit", [](const Seen& s) { return s.kind == EventKind::kExit; });
  CHECK(exit.stack == "g1");
  // Host services are named, not numbered.
  bool named_service = false;
  for (const Seen& s : t.Of(EventKind::kSyscall)) {
    INFO(s.sysno);
    CHECK(!s.sysname.empty());
    if (s.sysname == "host.mallocgc") named_service = s.sysno == 0x10002;
  }
  CHECK(named_service);
}

// Every switch to g0 at `switcher` is followed by `fn` called on g0 and a switch back to g1.
void CheckSwitches(const std::string& program, std::string_view switcher, std::string_view fn) {
  Traced t(program);
  t.Run();
  const auto& ev = t.recorder->events;
  size_t to_g0 = 0;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].kind != EventKind::kStackSwitch || ev[i].stack != "g0" || !ev[i].fn_at.starts_with(switcher)) continue;
    ++to_g0;
    INFO("switch to g0 at step " << ev[i].step);
    CHECK(ev[i].from_stack == "g1");
    CHECK(ev[i].goid == 0);  // the g-switch came first
    REQUIRE(i > 0);
    CHECK(ev[i - 1].kind == EventKind::kGSwitch);
    CHECK(ev[i - 1].old_goid == 1);
    size_t j = i + 1;
    while (j < ev.size() && ev[j].kind != EventKind::kCall) ++j;
    REQUIRE(j < ev.size());
    CHECK(ev[j].to == fn);
    CHECK(ev[j].stack == "g0");
    while (j < ev.size() && ev[j].kind != EventKind::kStackSwitch) ++j;
    REQUIRE(j < ev.size());
    CHECK(ev[j].from_stack == "g0");
    CHECK(ev[j].stack == "g1");
    CHECK(ev[j].goid == 1);
  }
  CHECK(to_g0 >= 1);
}

TEST_CASE("systemstack: to g0 for the call and back to g1", "[acceptance]") {
  CheckSwitches("systemstack", "runtime.systemstack+", "main.onG0");
}

TEST_CASE("mcall: to g0 for the call, back to g1 through gogo", "[acceptance]") {
  CheckSwitches("mcall", "runtime.mcall+", "main.park");
}

TEST_CASE("stackgrow: the stack doubles from 2048, the same frames before and after each copy",
          "[acceptance]") {
  // Frames are kept only for the calls of morestack and the grows: the stacks get 10^5 deep.
  const CodeIndex* code = nullptr;
  Traced t("stackgrow", [&code](const Event& e) {
    return e.kind == EventKind::kStackGrow ||
           (e.kind == EventKind::kCall && code->FuncName(e.to_func) == "runtime.morestack_noctxt");
  });
  code = t.code.get();
  t.Run();
  const auto& ev = t.recorder->events;
  std::vector<const Seen*> grows;
  uint64_t size = 2048;
  const Seen* last_morestack = nullptr;
  for (const Seen& s : ev) {
    if (s.kind == EventKind::kCall && s.to == "runtime.morestack_noctxt" && s.stack == "g1") last_morestack = &s;
    if (s.kind != EventKind::kStackGrow) continue;
    INFO("stack-grow at step " << s.step);
    CHECK(s.old_bounds.hi - s.old_bounds.lo == size);
    CHECK(s.new_bounds.hi - s.new_bounds.lo == 2 * size);
    size *= 2;
    REQUIRE(last_morestack != nullptr);
    // Before: ... sum, sum, morestack_noctxt on the old stack. After: the same functions up to
    // the sum that grew, which runs again on the new stack.
    std::vector<uint32_t> before = last_morestack->frames;
    before.pop_back();
    CHECK(t.Names(s.frames) == t.Names(before));
    CHECK(s.frames.size() == s.depth);
    grows.push_back(&s);
  }
  CHECK(grows.size() == 11);  // 2 KiB to 4 MiB
  CHECK(size == 4 << 20);
  CHECK(t.output == "sum(100) = 5050\nsum(100000) = 5000050000\n");
}

// Runs defer.s to right after the nth rewrite (jmpdefer's SUBQ $5, (SP)) and checks the
// diagram: the slot holds fn's CALL runtime.deferreturn, symbolized, with SP on it; fn's frame
// with its saved BP, where BP points again; jmpdefer's arguments in fn's outgoing area.
void CheckDiagramAfterRewrite(size_t nth, std::string_view fn_name) {
  Traced t("defer");
  emu::Machine& machine = t.process->machine();
  while (t.Of(EventKind::kRetaddrRewrite).size() < nth) {
    REQUIRE(!machine.Step().has_value());
  }
  const Seen rewrite = t.Of(EventKind::kRetaddrRewrite).back();
  const std::string d = RenderAsciiDiagram(*t.code, *t.view, machine);
  INFO(d);
  const uint64_t call = t.InsnAddr(fn_name, "CALL runtime.deferreturn");
  const uint64_t fn = t.Addr(fn_name);
  CHECK(rewrite.new_value == call);
  CHECK(machine.cpu().gpr[emu::kRsp] == rewrite.slot);
  const std::string ret_row = fmt::format("  {:#014x} | {:#018x} | ret {}+{} (CALL runtime.deferreturn(SB))",
                                          rewrite.slot, call, fn_name, call - fn);
  auto row_of = [&d](const std::string& prefix) {
    const size_t at = d.find(prefix);
    return at == std::string::npos ? std::string() : d.substr(at, d.find('\n', at) - at);
  };
  // The label is padded to the arrow column; the SP arrow is the only one on this row.
  const std::string row = row_of(ret_row);
  REQUIRE(!row.empty());
  CHECK(row.substr(ret_row.size()).find_first_not_of(' ') == row.size() - ret_row.size() - 5);
  CHECK_THAT(row, Catch::EndsWith(" <- SP"));
  CHECK_THAT(d, Catch::Contains("-- runtime.jmpdefer (frame 0, args 16)"));
  const int64_t frame = t.code->FrameSize(t.code->Lookup(fn).func);  // the TEXT frame plus the BP slot
  CHECK_THAT(d, Catch::Contains(fmt::format("-- {} (frame {}, args 0)", fn_name, frame)));
  // fn's saved BP, right under its own return slot, is where BP points again.
  const uint64_t entry = rewrite.slot + 8 + frame;
  const uint64_t saved_bp = machine.memory().PeekU64(entry - 8).value();
  CHECK_THAT(row_of(fmt::format("  {:#014x} | {:#018x} | saved BP", entry - 8, saved_bp)), Catch::EndsWith("<- BP"));
  CHECK(machine.cpu().gpr[emu::kRbp] == entry - 8);
  // jmpdefer's arguments, in fn's outgoing area right above the slot; FP is jmpdefer's.
  CHECK_THAT(row_of(fmt::format("  {:#014x} | ", rewrite.slot + 8)),
             Catch::Contains("| fv+0(FP)") && Catch::EndsWith("<- FP"));
  CHECK_THAT(row_of(fmt::format("  {:#014x} | ", rewrite.slot + 16)), Catch::Contains("| argp+8(FP)"));
}

TEST_CASE("diagram right after jmpdefer's SUBQ $5, (SP): ret on CALL deferreturn, saved BP, the caller's frame",
          "[acceptance]") {
  SECTION("threeDefers' first deferred call") { CheckDiagramAfterRewrite(1, "main.threeDefers"); }
  SECTION("main's deferred closure") { CheckDiagramAfterRewrite(4, "main.main"); }
}

}  // namespace
}  // namespace goemu::trace
