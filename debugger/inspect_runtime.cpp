#include <fmt/format.h>

#include "debugger/goroutines.h"
#include "debugger/inspect.h"
#include "runtime_model/layout.h"

namespace goemu::debugger {
namespace {

constexpr uint64_t kPanic = rt::Offset("g._panic");
constexpr uint64_t kStackguard1 = rt::Offset("g.stackguard1");
constexpr uint64_t kMProcid = rt::Offset("m.procid");
constexpr uint64_t kMP = rt::Offset("m.p");
constexpr uint64_t kMTls = rt::Offset("m.tls");
constexpr uint64_t kMMstartfn = rt::Offset("m.mstartfn");
constexpr uint64_t kDeferRecordSize = rt::SizeOf("_defer");
// Deferred-call arguments shown per record; siz can be large for big argument lists.
constexpr uint32_t kMaxArgWords = 8;

// A g pointer with its name: "0xc000000180 (g1)", or "0x0".
std::string GRef(Session& session, uint64_t g) {
  if (g == 0) return "0x0";
  return fmt::format("{:#x} ({})", g, session.view().NameOf(session.machine().memory(), g));
}

uint64_t Peek(Session& session, uint64_t addr) { return session.machine().memory().PeekU64(addr).value_or(0); }

// The current g, or an error when there is none yet (before rt0_go sets up g0).
std::optional<GInfo> CurrentG(Session& session, std::string* error) {
  const uint64_t g = session.view().CurrentG(session.machine());
  GInfo info = DescribeG(session, g);
  if (g == 0 || info.state.addr == 0) {
    *error = "no current g (the TLS slot and runtime.g0 are both unset)";
    return std::nullopt;
  }
  return info;
}

}  // namespace

Reply ShowG(Session& session) {
  std::string error;
  const auto g = CurrentG(session, &error);
  if (!g) return Reply::Error("g: " + error);
  const trace::GState& s = g->state;
  const trace::CodeIndex& code = session.code();
  std::string text = fmt::format("g {:#x} {} goid {} status {} ({})\n", s.addr, g->name, s.goid,
                                 GStatusName(g->status), g->status);
  text += fmt::format("  stack [{:#x}, {:#x}) {} bytes\n", s.stack.lo, s.stack.hi, s.stack.hi - s.stack.lo);
  text += fmt::format("  stackguard0 {:#x}  stackguard1 {:#x}\n", s.stackguard0, Peek(session, s.addr + kStackguard1));
  text += fmt::format("  sched sp={:#x} pc={:#x} {} ctxt={:#x} ret={:#x} bp={:#x}\n", s.sched.sp, s.sched.pc,
                      s.sched.pc != 0 ? code.Symbolize(s.sched.pc) : "-", s.sched.ctxt, s.sched.ret, s.sched.bp);
  const int64_t mid = session.view().MidOf(session.machine().memory(), s.addr);
  text += fmt::format("  m {:#x}{}\n", s.m, mid >= 0 ? fmt::format(" (id {})", mid) : "");
  text += fmt::format("  _defer {:#x}  _panic {:#x}\n", s.defer_head, Peek(session, s.addr + kPanic));
  return Reply{text, {}};
}

Reply ShowM(Session& session) {
  std::string error;
  const auto g = CurrentG(session, &error);
  if (!g) return Reply::Error("m: " + error);
  const uint64_t m = g->state.m;
  if (m == 0) return Reply::Error(fmt::format("m: {} has no m", g->name));
  const trace::RuntimeLayout& layout = session.view().layout();
  std::string text = fmt::format("m {:#x} id {} procid {}\n", m, static_cast<int64_t>(Peek(session, m + layout.m_id)),
                                 Peek(session, m + kMProcid));
  text += fmt::format("  g0 {}  curg {}  gsignal {}\n", GRef(session, Peek(session, m + layout.m_g0)),
                      GRef(session, Peek(session, m + layout.m_curg)),
                      GRef(session, Peek(session, m + layout.m_gsignal)));
  const uint64_t mstartfn = Peek(session, m + kMMstartfn);
  text += fmt::format("  p {:#x}  mstartfn {}\n", Peek(session, m + kMP),
                      mstartfn != 0 ? session.code().Symbolize(mstartfn) : "0x0");
  // tls[0] is the g slot FS:-8 points at; the FS base is &tls[1].
  text += fmt::format("  tls[0] {} at {:#x}  fs_base {:#x}\n", GRef(session, Peek(session, m + kMTls)), m + kMTls,
                      session.machine().cpu().fs_base);
  return Reply{text, {}};
}

Reply ShowDefers(Session& session) {
  std::string error;
  const auto g = CurrentG(session, &error);
  if (!g) return Reply::Error("defers: " + error);
  const trace::CodeIndex& code = session.code();
  const auto chain = session.view().Defers(session.machine().memory(), g->state.addr);
  std::string text = fmt::format("_defer chain of {}: {} record{}, newest first\n", g->name, chain.size(),
                                 chain.size() == 1 ? "" : "s");
  for (size_t i = 0; i < chain.size(); ++i) {
    const trace::DeferRecord& d = chain[i];
    // fn is a *funcval; its first word is the code address.
    const uint64_t entry = d.fn != 0 ? Peek(session, d.fn) : 0;
    text += fmt::format("  [{}] {:#x} siz {} sp {:#x} pc {:#x} {} fn {:#x} -> {}", i, d.addr, d.siz, d.sp, d.pc,
                        code.Symbolize(d.pc), d.fn, entry != 0 ? code.Symbolize(entry) : "nil");
    const uint32_t words = std::min<uint32_t>(d.siz / 8, kMaxArgWords);
    if (words > 0) {
      text += " args";
      for (uint32_t w = 0; w < words; ++w) text += fmt::format(" {:#x}", Peek(session, d.addr + kDeferRecordSize + 8 * w));
    }
    text += "\n";
  }
  return Reply{text, {}};
}

}  // namespace goemu::debugger
