#include "tests/difftest/native_sandbox.h"

#include <fmt/format.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstring>

#include "tests/difftest/landing_pads.h"

extern "C" void goemu_difftest_enter();
extern "C" void goemu_difftest_save();

namespace goemu::difftest {

namespace {

// One case's result as the child writes it into memory shared with the parent.
struct NativeRecord {
  RegisterFile regs;
  uint64_t rip;
  int32_t signal;  // 0 = reached a pad
  int32_t si_code;
  uint64_t fault_address;
  uint64_t error_code;  // the page-fault error code (bit 1: write)
  Window data;
  Window stack;
};

// The shared mapping: this header, then one NativeRecord per case.
struct SharedBatch {
  volatile uint64_t progress;  // index of the case the child is running
};
constexpr size_t kHeaderBytes = 64;
static_assert(sizeof(SharedBatch) <= kHeaderBytes);

NativeRecord* Records(SharedBatch* batch) {
  return reinterpret_cast<NativeRecord*>(reinterpret_cast<char*>(batch) + kHeaderBytes);
}

constexpr int kCaughtSignals[] = {SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGTRAP};
constexpr size_t kAltStackBytes = 256 * 1024;  // roomy: sanitizer runtimes run on it too
constexpr unsigned kChildSeconds = 120;        // a hung child is killed by SIGALRM

sigjmp_buf g_jump;
NativeRecord* volatile g_record = nullptr;
volatile sig_atomic_t g_in_test = 0;

template <typename T>
T* At(uint64_t address) {
  return reinterpret_cast<T*>(address);
}

void OnSignal(int signal, siginfo_t* info, void* context) {
  if (!g_in_test) {
    // A fault in the harness itself: die of it, the parent will report.
    ::signal(signal, SIG_DFL);
    return;
  }
  g_in_test = 0;
  const auto* uc = static_cast<const ucontext_t*>(context);
  const greg_t* g = uc->uc_mcontext.gregs;
  NativeRecord& r = *g_record;
  r.signal = signal;
  r.si_code = info->si_code;
  r.fault_address = reinterpret_cast<uint64_t>(info->si_addr);
  r.error_code = static_cast<uint64_t>(g[REG_ERR]);
  r.rip = static_cast<uint64_t>(g[REG_RIP]);
  r.regs.rflags = static_cast<uint64_t>(g[REG_EFL]);
  static constexpr int kGregOrder[emu::kGprCount] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                                     REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                                     REG_R12, REG_R13, REG_R14, REG_R15};
  for (int i = 0; i < emu::kGprCount; ++i) r.regs.gpr[i] = static_cast<uint64_t>(g[kGregOrder[i]]);
  for (int i = 0; i < 16; ++i) std::memcpy(&r.regs.xmm[i], uc->uc_mcontext.fpregs->_xmm[i].element, 16);
  siglongjmp(g_jump, 1);
}

void Die(const char* what) {
  const std::string text = fmt::format("difftest child: {} failed: {}\n", what, std::strerror(errno));
  (void)!write(2, text.data(), text.size());
  _exit(3);
}

void MapPage(uint64_t address, int prot) {
  void* got = mmap(At<void>(address), kPageBytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (got != At<void>(address)) Die("mmap of a fixed sandbox page");
}

void PrepareChild() {
  MapPage(kCodePage, PROT_READ | PROT_WRITE | PROT_EXEC);
  MapPage(kDataPage, PROT_READ | PROT_WRITE);
  MapPage(kStackPage, PROT_READ | PROT_WRITE);
  MapPage(kHarnessPage, PROT_READ | PROT_WRITE);
  std::memcpy(At<void>(kCodePage), BaseCodePage().data(), kPageBytes);
  *At<uint64_t>(DIFFTEST_ENTRY_SLOT) = kInsnAddr;
  *At<uint64_t>(DIFFTEST_SAVE_SLOT) = reinterpret_cast<uint64_t>(&goemu_difftest_save);

  static stack_t alt;
  alt.ss_sp = mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (alt.ss_sp == MAP_FAILED) Die("mmap of the signal stack");
  alt.ss_size = kAltStackBytes;
  if (sigaltstack(&alt, nullptr) != 0) Die("sigaltstack");
  struct sigaction action {};
  action.sa_sigaction = OnSignal;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int signal : kCaughtSignals) {
    if (sigaction(signal, &action, nullptr) != 0) Die("sigaction");
  }
  alarm(kChildSeconds);
}

void RunOne(const TestCase& test, NativeRecord& record) {
  const CodePatch patch = PatchFor(test);
  std::memcpy(At<void>(kInsnAddr), patch.bytes.data(), patch.length);
  std::memcpy(At<void>(kDataWindow), test.data.data(), kWindowBytes);
  std::memcpy(At<void>(kStackWindow), test.stack.data(), kWindowBytes);
  *At<RegisterFile>(DIFFTEST_IN_REGS) = test.init;
  *At<uint32_t>(DIFFTEST_PAD_SLOT) = kPadCount;
  record.signal = 0;
  g_record = &record;
  if (sigsetjmp(g_jump, 1) == 0) {
    g_in_test = 1;
    goemu_difftest_enter();
    g_in_test = 0;
    record.regs = *At<RegisterFile>(DIFFTEST_OUT_REGS);
    const auto pad = static_cast<Pad>(*At<uint32_t>(DIFFTEST_PAD_SLOT));
    record.rip = pad < kPadCount ? PadAddress(pad, test.insn_len) : 0;
  }
  std::memcpy(record.data.data(), At<void>(kDataWindow), kWindowBytes);
  std::memcpy(record.stack.data(), At<void>(kStackWindow), kWindowBytes);
}

[[noreturn]] void ChildMain(std::span<const TestCase> cases, SharedBatch* batch, size_t start) {
  PrepareChild();
  for (size_t i = start; i < cases.size(); ++i) {
    batch->progress = i;
    RunOne(cases[i], Records(batch)[i]);
  }
  batch->progress = cases.size();
  _exit(0);
}

emu::FaultKind FaultFromSignal(const NativeRecord& r) {
  const bool write = (r.error_code & 2) != 0;
  switch (r.signal) {
    case SIGFPE: return emu::FaultKind::kDivideError;
    case SIGILL: return emu::FaultKind::kInvalidOpcode;
    case SIGTRAP: return emu::FaultKind::kBreakpoint;
    case SIGBUS: return emu::FaultKind::kGeneralProtection;
    default: break;
  }
  // The kernel reports #GP (misaligned SSE operand, non-canonical address) as SI_KERNEL.
  if (r.si_code == SI_KERNEL) return emu::FaultKind::kGeneralProtection;
  if (r.si_code == SEGV_ACCERR) return write ? emu::FaultKind::kProtectionWrite : emu::FaultKind::kProtectionRead;
  return write ? emu::FaultKind::kUnmappedWrite : emu::FaultKind::kUnmappedRead;
}

Outcome ToOutcome(const NativeRecord& r) {
  Outcome out;
  out.regs = r.regs;
  out.rip = r.rip;
  out.data = r.data;
  out.stack = r.stack;
  if (r.signal > 0) {
    out.fault = FaultFromSignal(r);
    out.note = fmt::format("signal {} ({}), si_code {}, address {:#x}", r.signal, strsignal(r.signal),
                           r.si_code, r.fault_address);
  }
  return out;
}

std::string DescribeStatus(int status) {
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  return fmt::format("exited with status {}", WEXITSTATUS(status));
}

}  // namespace

std::vector<Outcome> RunNative(std::span<const TestCase> cases) {
  std::vector<Outcome> outcomes(cases.size());
  if (cases.empty()) return outcomes;
  const size_t bytes = kHeaderBytes + cases.size() * sizeof(NativeRecord);
  void* shared = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    for (Outcome& o : outcomes) {
      o.harness_error = true;
      o.note = fmt::format("cannot map the result buffer: {}", std::strerror(errno));
    }
    return outcomes;
  }
  auto* batch = static_cast<SharedBatch*>(shared);
  std::vector<std::string> deaths(cases.size());
  size_t start = 0;
  while (start < cases.size()) {
    batch->progress = start;
    const pid_t child = fork();
    if (child == 0) ChildMain(cases, batch, start);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child) {
      for (size_t i = start; i < cases.size(); ++i) deaths[i] = fmt::format("fork/wait failed: {}", std::strerror(errno));
      break;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && batch->progress == cases.size()) break;
    // The child died while running case `progress`: blame it, go on after it.
    const size_t bad = batch->progress;
    deaths[bad] = fmt::format("native child {} while running this case", DescribeStatus(status));
    start = bad + 1;
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    outcomes[i] = ToOutcome(Records(batch)[i]);
    if (!deaths[i].empty()) {
      outcomes[i].harness_error = true;
      outcomes[i].note = deaths[i];
    }
  }
  munmap(shared, bytes);
  return outcomes;
}

}  // namespace goemu::difftest
