#include "runtime_model/boot.h"

#include <fmt/format.h>

namespace goemu::rt {
namespace {

constexpr uint64_t kAtNull = 0;
constexpr uint64_t kAtPagesz = 6;
constexpr uint64_t kAtRandom = 25;

uint64_t AlignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

// ".text" -> "text": the region names diagrams use.
std::string RegionName(const std::string& segment) {
  return segment.starts_with('.') ? segment.substr(1) : segment;
}

uint8_t Perms(const isa::Segment& segment) {
  uint8_t perms = emu::kPermRead;
  if (segment.writable) perms |= emu::kPermWrite;
  if (segment.executable) perms |= emu::kPermExec;
  return perms;
}

// Writes the stack image top-down, as the kernel's create_elf_tables does.
class StackWriter {
 public:
  StackWriter(emu::Memory& memory, uint64_t top) : memory_(memory), sp_(top) {}
  uint64_t PushBytes(const void* data, size_t n) {
    sp_ -= n;
    memory_.Poke(sp_, data, n);
    return sp_;
  }
  uint64_t PushString(const std::string& s) { return PushBytes(s.c_str(), s.size() + 1); }
  void PushWord(uint64_t word) { PushBytes(&word, sizeof word); }
  void AlignDown(uint64_t align) { sp_ &= ~(align - 1); }
  uint64_t sp() const { return sp_; }

 private:
  emu::Memory& memory_;
  uint64_t sp_;
};

bool PatchWord(const isa::Image& image, emu::Memory& memory, std::string_view symbol, uint64_t value) {
  const isa::ImageSymbol* sym = image.FindSymbol(symbol);
  return sym != nullptr && memory.Poke(sym->addr, &value, sizeof value);
}

}  // namespace

BootResult Boot(const isa::Image& image, emu::Machine& machine, const BootOptions& options) {
  BootResult result;
  emu::Memory& memory = machine.memory();
  if (image.entry == 0) {
    result.error = "the image has no entry point (_rt0_amd64_linux)";
    return result;
  }
  for (const isa::Segment& segment : image.segments) {
    const uint64_t size = AlignUp(segment.mem_size, emu::kPageSize);
    if (!memory.Map(segment.addr, size, Perms(segment), RegionName(segment.name)) ||
        !memory.Poke(segment.addr, segment.bytes.data(), segment.bytes.size())) {
      result.error = fmt::format("cannot map segment {} at {:#x}", segment.name, segment.addr);
      return result;
    }
  }

  // The runtime cannot name main·init itself (no weak references): tell it where it is.
  if (const isa::ImageSymbol* init = image.FindSymbol("main.init")) {
    PatchWord(image, memory, "runtime.maininitPC", init->addr);
  }
  if (options.max_stack_size != 0 &&
      !PatchWord(image, memory, "runtime.goemuMaxstacksize", options.max_stack_size)) {
    result.error = "the runtime has no runtime·goemuMaxstacksize to configure";
    return result;
  }

  memory.Map(kProcessStackTop - kProcessStackSize, kProcessStackSize, emu::kPermRW, "process stack");
  StackWriter stack(memory, kProcessStackTop - 8);  // the kernel keeps a null word at the very top
  std::vector<uint64_t> argv_addrs, envp_addrs;
  for (const std::string& s : options.argv) argv_addrs.push_back(stack.PushString(s));
  for (const std::string& s : options.envp) envp_addrs.push_back(stack.PushString(s));
  uint8_t random[16];
  for (int i = 0; i < 16; ++i) random[i] = static_cast<uint8_t>(kAtRandomSeed + 0x11 * i);
  result.at_random = stack.PushBytes(random, sizeof random);

  // From here down everything is words; argc must end up 16-byte aligned.
  const std::vector<uint64_t> auxv = {kAtPagesz, emu::kPageSize, kAtRandom, result.at_random, kAtNull, 0};
  const size_t words = 1 + argv_addrs.size() + 1 + envp_addrs.size() + 1 + auxv.size();
  stack.AlignDown(16);
  if (words % 2 != 0) stack.PushWord(0);
  for (auto it = auxv.rbegin(); it != auxv.rend(); ++it) stack.PushWord(*it);
  stack.PushWord(0);
  for (auto it = envp_addrs.rbegin(); it != envp_addrs.rend(); ++it) stack.PushWord(*it);
  stack.PushWord(0);
  for (auto it = argv_addrs.rbegin(); it != argv_addrs.rend(); ++it) stack.PushWord(*it);
  stack.PushWord(argv_addrs.size());
  result.initial_sp = stack.sp();

  emu::CpuState& cpu = machine.cpu();
  cpu = emu::CpuState{};
  cpu.gpr[emu::kRsp] = result.initial_sp;
  cpu.rip = image.entry;
  return result;
}

}  // namespace goemu::rt
