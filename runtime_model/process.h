// A guest process: a linked Image booted into its own memory and machine, with the Linux
// layer and host services attached. What `goemu run` and the tests drive.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "emulator/machine.h"
#include "isa/assembler.h"
#include "runtime_model/boot.h"
#include "runtime_model/linux_syscalls.h"

namespace goemu::rt {

// The default --max-steps of `goemu run`: large, but a program that never exits still ends.
inline constexpr uint64_t kDefaultMaxSteps = 10'000'000'000;

class GuestProcess {
 public:
  // Takes the image; the sink receives everything the guest writes to fd 1 and 2.
  GuestProcess(isa::Image image, OutputSink sink);
  GuestProcess(const GuestProcess&) = delete;
  GuestProcess& operator=(const GuestProcess&) = delete;

  // Maps the image and builds the initial stack; call once, before Run.
  BootResult Boot(const BootOptions& options);
  // Runs until the guest exits or max_steps instructions have retired. A fault is delivered
  // as Linux and go1.13's signal handler would (signals.h): the guest panics and reports it
  // itself, or the host prints the throw; either way the run ends with kExit, status 2, and
  // the first fault kept in RunResult::fault. With stop_at, the run also ends (kEnd) when
  // rip reaches that address; a later Run carries on from there.
  emu::RunResult Run(uint64_t max_steps, std::optional<uint64_t> stop_at = std::nullopt);
  // Asks go_on every kCheckEvery instructions whether the run is still wanted; when it says
  // no, Run returns there (kMaxSteps, fewer steps than allowed). For a host that can lose
  // its reason to run: a trace whose reader went away (`goemu run --trace | head`).
  void SetGoOn(std::function<bool()> go_on) { go_on_ = std::move(go_on); }
  static constexpr uint64_t kCheckEvery = uint64_t{1} << 22;

  // Where the guest is now, as Go would trace a goroutine stopped at its current
  // instruction: "goroutine 1 [running]:" and its frames ("" before the runtime has a g).
  std::string Traceback() const;

  const isa::Image& image() const { return image_; }
  emu::Memory& memory() { return memory_; }
  emu::Machine& machine() { return machine_; }
  LinuxSyscalls& syscalls() { return syscalls_; }

 private:
  isa::Image image_;
  std::function<bool()> go_on_;
  emu::Memory memory_;
  emu::Machine machine_;
  OutputSink sink_;
  LinuxSyscalls syscalls_;
};

}  // namespace goemu::rt
