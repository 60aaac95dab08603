#include "runtime_model/host_services.h"

#include <fmt/format.h>

#include <vector>

#include "runtime_model/layout.h"
#include "runtime_model/traceback.h"

namespace goemu::rt {
namespace {

// Reads and writes the stub's ABI0 frame: argument/result at byte offset `off` of the
// argument area, which starts just above the return address.
class Frame {
 public:
  explicit Frame(emu::Machine& machine) : memory_(machine.memory()), args_(machine.cpu().gpr[emu::kRsp] + 8) {}
  template <typename T>
  T Get(uint64_t off) { return memory_.Read<T>(args_ + off); }
  template <typename T>
  void Set(uint64_t off, T value) { memory_.Write<T>(args_ + off, value); }

 private:
  emu::Memory& memory_;
  uint64_t args_;
};

// Nanoseconds per retired instruction for nanotime: the only clock goemu has.
constexpr uint64_t kNanosPerInsn = 1;

}  // namespace

// go1.13 throws "out of memory" inside mallocgc/stackalloc: the allocator's message, the throw,
// and the traceback from the service stub (the m throwing, so with fp/sp/pc). goemu adds
// which limit was hit first.
emu::SyscallHandler::Outcome HostServices::OutOfMemory(emu::Machine& machine, uint64_t size) {
  emu::Memory& memory = machine.memory();
  const emu::CpuState& cpu = machine.cpu();
  std::string out = fmt::format("goemu: guest memory would exceed --max-memory {} bytes ({} mapped)\n",
                                arena_.max_memory(), memory.mapped_bytes());
  out += fmt::format("runtime: out of memory: cannot allocate {}-byte block ({} in use)\n"
                     "fatal error: out of memory\n", size, arena_.used());
  const uint64_t gp = cpu.fs_base != 0 ? memory.PeekU64(cpu.fs_base - 8).value_or(0) : 0;
  const uint64_t m = gp != 0 ? memory.PeekU64(gp + Offset("g.m")).value_or(0) : 0;
  if (m != 0) {
    const uint32_t one = 1;
    memory.Poke(m + Offset("m.throwing"), &one, sizeof one);
    memory.Poke(m + Offset("m.dying"), &one, sizeof one);
    out += FormatTraceback(image_, memory, cpu.rip, cpu.gpr[emu::kRsp], gp);
  }
  sink_(2, out);
  return {true, 2};
}

std::optional<emu::SyscallHandler::Outcome> HostServices::Call(emu::Machine& machine, uint64_t number) {
  Frame frame(machine);
  emu::Memory& memory = machine.memory();
  ++calls_;
  switch (number) {
    case Const("goemuSvcStackalloc"): {  // stackalloc(n uint32) stack
      const uint32_t n = frame.Get<uint32_t>(0);
      const auto stack = arena_.AllocStack(n);
      if (!stack) return OutOfMemory(machine, n);
      frame.Set<uint64_t>(8, stack->lo);
      frame.Set<uint64_t>(16, stack->hi);
      return emu::SyscallHandler::Outcome{};
    }
    case Const("goemuSvcStackfree"):  // stackfree(stk stack)
      arena_.FreeStack({frame.Get<uint64_t>(0), frame.Get<uint64_t>(8)});
      return emu::SyscallHandler::Outcome{};
    case Const("goemuSvcMallocgc"): {  // mallocgc(size uintptr, typ *_type, needzero bool) unsafe.Pointer
      const uint64_t size = frame.Get<uint64_t>(0);
      const auto addr = arena_.AllocHeap(size);
      if (!addr) return OutOfMemory(machine, size);
      frame.Set<uint64_t>(24, *addr);
      return emu::SyscallHandler::Outcome{};
    }
    case Const("goemuSvcMemmove"): {  // memmove(to, from unsafe.Pointer, n uintptr)
      const uint64_t to = frame.Get<uint64_t>(0), from = frame.Get<uint64_t>(8), n = frame.Get<uint64_t>(16);
      std::vector<uint8_t> bytes(n);
      memory.ReadBytes(from, bytes.data(), n);  // through a buffer: overlap is handled
      memory.WriteBytes(to, bytes.data(), n);
      return emu::SyscallHandler::Outcome{};
    }
    case Const("goemuSvcMemclr"): {  // memclrNoHeapPointers(ptr unsafe.Pointer, n uintptr)
      const uint64_t ptr = frame.Get<uint64_t>(0), n = frame.Get<uint64_t>(8);
      std::vector<uint8_t> zeros(n, 0);
      memory.WriteBytes(ptr, zeros.data(), n);
      return emu::SyscallHandler::Outcome{};
    }
    case Const("goemuSvcNanotime"):  // nanotime() int64
      frame.Set<uint64_t>(0, machine.retired() * kNanosPerInsn);
      return emu::SyscallHandler::Outcome{};
    case Const("goemuSvcTraceback"):  // goemuTraceback(pc, sp uintptr, gp *g)
      sink_(2, FormatTraceback(image_, memory, frame.Get<uint64_t>(0), frame.Get<uint64_t>(8),
                               frame.Get<uint64_t>(16)));
      return emu::SyscallHandler::Outcome{};
    default:
      --calls_;
      return std::nullopt;
  }
}

}  // namespace goemu::rt
