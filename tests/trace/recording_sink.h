// A sink that keeps a copy of every event with names resolved, for assertions.
#pragma once
#include <string>
#include <vector>

#include "trace/code_index.h"
#include "trace/event.h"

namespace goemu::trace::testing {

struct Recorded {
  EventKind kind;
  uint64_t step, pc, site;
  std::string from, to, stack, from_stack;
  uint32_t depth;
  int64_t goid, old_goid;
  uint64_t slot, old_value, new_value;
  StackBounds old_bounds, new_bounds;
};

class RecordingSink : public EventSink {
 public:
  explicit RecordingSink(const CodeIndex& code) : code_(code) {}
  void OnEvent(const Event& e, const emu::Machine&) override {
    events.push_back(Recorded{e.kind, e.step, e.pc, e.site, std::string(code_.FuncName(e.from_func)),
                              std::string(code_.FuncName(e.to_func)), std::string(e.stack),
                              std::string(e.from_stack), e.depth, e.goid, e.old_goid, e.slot, e.old_value,
                              e.new_value, e.old_bounds, e.new_bounds});
  }
  std::vector<Recorded> Of(EventKind kind) const {
    std::vector<Recorded> out;
    for (const Recorded& r : events) {
      if (r.kind == kind) out.push_back(r);
    }
    return out;
  }
  std::vector<Recorded> events;

 private:
  const CodeIndex& code_;
};

}  // namespace goemu::trace::testing
