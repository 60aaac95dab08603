#include "cli/runtime_layout.h"

#include <cctype>
#include <string>

#include "runtime_model/layout.h"

namespace goemu::cli {
namespace {

// goemuSvcStackalloc -> "host.stackalloc": a host service, not a Linux call, at a glance.
std::string ServiceName(std::string_view constant) {
  constexpr std::string_view kPrefix = "goemuSvc";
  std::string name = "host.";
  for (const char c : constant.substr(constant.starts_with(kPrefix) ? kPrefix.size() : 0)) {
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return name;
}

}  // namespace

trace::RuntimeLayout ModelRuntimeLayout(const isa::Image& image) {
  trace::RuntimeLayout l;
  l.g_stack_lo = rt::Offset("g.stack.lo");
  l.g_stack_hi = rt::Offset("g.stack.hi");
  l.g_stackguard0 = rt::Offset("g.stackguard0");
  l.g_defer = rt::Offset("g._defer");
  l.g_m = rt::Offset("g.m");
  l.g_sched = rt::Offset("g.sched");
  l.g_atomicstatus = rt::Offset("g.atomicstatus");
  l.g_goid = rt::Offset("g.goid");
  l.m_g0 = rt::Offset("m.g0");
  l.m_gsignal = rt::Offset("m.gsignal");
  l.m_curg = rt::Offset("m.curg");
  l.m_id = rt::Offset("m.id");
  l.gobuf_sp = rt::Offset("gobuf.sp");
  l.gobuf_pc = rt::Offset("gobuf.pc");
  l.gobuf_ctxt = rt::Offset("gobuf.ctxt");
  l.gobuf_ret = rt::Offset("gobuf.ret");
  l.gobuf_bp = rt::Offset("gobuf.bp");
  l.defer_siz = rt::Offset("_defer.siz");
  l.defer_sp = rt::Offset("_defer.sp");
  l.defer_pc = rt::Offset("_defer.pc");
  l.defer_fn = rt::Offset("_defer.fn");
  l.defer_link = rt::Offset("_defer.link");
  if (const isa::ImageSymbol* g0 = image.FindSymbol("runtime.g0")) l.g0_addr = g0->addr;
  if (const isa::ImageSymbol* allgs = image.FindSymbol("runtime.allgs")) l.allgs_addr = allgs->addr;
  for (const rt::ConstInfo& c : rt::kConsts) {
    if (c.group == rt::ConstGroup::kService) l.syscall_names.emplace_back(c.value, ServiceName(c.name));
  }
  return l;
}

}  // namespace goemu::cli
