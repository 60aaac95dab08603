// Which g's exist, as far as a debugger can tell without a runtime allgs list: the g's the
// session saw (current, or owning a stack it switched to), the current m's g0, curg and
// gsignal, and the g's waiting in the m's P run queue (runnext and the ring) and in the
// global run queue.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "debugger/session.h"

namespace goemu::debugger {

struct GInfo {
  trace::GState state;
  std::string name;    // "g0", "g1", "gsignal"
  uint32_t status = 0;  // g.atomicstatus
};

// g0's first, then by goid.
std::vector<GInfo> KnownGs(Session& session);
GInfo DescribeG(Session& session, uint64_t g);
// "running", "runnable", ... for a g.atomicstatus value (Gscan bit included).
std::string GStatusName(uint32_t status);

}  // namespace goemu::debugger
