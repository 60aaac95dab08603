// `--trace=insns`: one line per retired instruction (step, pc, symbol+offset, bytes, Go
// text, the registers it changed), interleaved with the frame events of the FrameTracer it
// forwards to. It observes every instruction, so it keeps the previous register file to
// report only what changed.
#pragma once
#include <array>
#include <memory>
#include <string>

#include "emulator/machine.h"
#include "trace/code_index.h"
#include "trace/decimal_text.h"
#include "trace/frame_tracer.h"
#include "trace/output_buffer.h"

namespace goemu::trace {

class InsnWriter : public emu::ExecutionObserver {
 public:
  InsnWriter(const CodeIndex& code, FrameTracer& tracer, OutputBuffer& out, bool json);
  // Every instruction, but not its stores: kClassOther covers loads and stores (decoder.cpp),
  // and the stores the tracer needs come through its watch list, so a block with a store runs
  // threaded instead of one instruction at a time.
  uint32_t interest() const override { return emu::kClassAll & ~emu::kClassMemWrite; }
  void OnRetired(emu::Machine& machine, const emu::RetiredInsn& insn) override;
  const emu::WatchList* watched() const override { return tracer_.watched(); }
  bool Watches(uint64_t addr, uint32_t size) const override { return tracer_.Watches(addr, size); }
  // Takes the register file as it is before the first instruction.
  void Start(const emu::Machine& machine);

 private:
  // What a line says about an instruction that does not change between executions (pc,
  // symbol, bytes, text), formatted once per pc. Direct-mapped by pc; an entry is reused
  // while memory's code epoch stays the one it was made in (self-modifying code).
  struct Cached {
    uint64_t pc = UINT64_MAX;
    uint64_t code_epoch = 0;
    uint8_t length = 0;
    emu::RegisterWrites writes;
    std::string text;
  };
  static constexpr size_t kCacheSize = 4096;
  // The registers a line can report: the general ones, then rflags.
  static constexpr int kRflags = emu::kGprCount;
  static constexpr int kReported = emu::kGprCount + 1;
  // Formats c for the instruction (a cache miss).
  void Describe(Cached& c, const emu::Machine& machine, const emu::RetiredInsn& insn);
  // The registers that changed since the last line, as bit r and bit kRflags, the copies
  // brought up to date: those the instruction may write, or after anything but an
  // instruction (the start of a Run: the embedder may have set registers) all of them.
  uint32_t TakeChanged(emu::Machine& machine, const emu::RegisterWrites& writes);
  // One changed register, at p (event_format.h).
  char* PutChanged(char* p, int reg, uint64_t value, bool first) const;

  const CodeIndex& code_;
  FrameTracer& tracer_;
  uint32_t tracer_interest_;
  OutputBuffer& out_;
  bool json_;
  // What comes before a changed register's value, [first on its line][register]: "rax":"
  // and ,"rax":" in jsonl, "  rax=" and " rax=" in text. Copied as 16 bytes, used for size.
  struct Prefix {
    char bytes[16];
    size_t size;
  };
  Prefix changed_prefix_[2][kReported] = {};
  std::array<uint64_t, emu::kGprCount> gpr_{};
  uint64_t rflags_ = 0;
  DecimalText step_;
  std::unique_ptr<Cached[]> cache_;
};

}  // namespace goemu::trace
