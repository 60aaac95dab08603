// `--format chrome`: the Trace Event Format (JSON object with "traceEvents"), readable by
// Perfetto and chrome://tracing. One track (tid) per stack, numbered in the order stacks
// are first seen and named by thread_name metadata ("g0", "g1", ...); frames are nested
// B/E slices; the retired-instruction count is the time axis (ts, shown as microseconds);
// the other events are instant events on their stack's track.
#pragma once
#include <string>
#include <vector>

#include "trace/code_index.h"
#include "trace/event.h"
#include "trace/output_buffer.h"

namespace goemu::trace {

class ChromeWriter : public EventSink {
 public:
  ChromeWriter(const CodeIndex& code, OutputBuffer& out);
  void OnEvent(const Event& event, const emu::Machine& machine) override;
  void Finish() override;

 private:
  struct Slice {
    uint32_t func;
    uint64_t entry_sp;
    bool operator==(const Slice&) const = default;
  };
  struct Track {
    std::string name;
    std::vector<Slice> open;  // outermost first
  };
  Track& TrackFor(std::string_view stack, uint32_t* tid);
  void Sync(Track& track, uint32_t tid, std::span<const Frame> frames, uint64_t ts);
  void Begin(uint32_t tid, std::string_view name, char ph, uint64_t ts);

  const CodeIndex& code_;
  OutputBuffer& out_;
  std::vector<Track> tracks_;  // index + 1 = tid
  fmt::memory_buffer line_;
  uint64_t last_ts_ = 0;
  bool finished_ = false;
};

}  // namespace goemu::trace
