// Operand and instruction text in Go syntax.
#include "isa/render.h"

#include <fmt/format.h>

#include "isa/registers.h"

namespace goemu::isa {
namespace {

std::string Offset(int64_t off) { return off == 0 ? "" : fmt::format("{}", off); }
std::string SignedOffset(int64_t off) { return off == 0 ? "" : fmt::format("{:+}", off); }

std::string MemText(const Operand& a) {
  std::string index;
  if (a.index_tls) index = fmt::format("(TLS*{})", a.scale);
  if (a.index != ZYDIS_REGISTER_NONE) index = fmt::format("({}*{})", GoRegisterName(a.index), a.scale);
  switch (a.name) {
    case AddrName::kExtern:
    case AddrName::kStatic:
      return fmt::format("{}{}(SB){}", a.sym, SignedOffset(a.offset), index);
    case AddrName::kParam:
      return fmt::format("{}{:+}(FP)", a.local, a.offset);
    case AddrName::kAuto:
      return fmt::format("{}{:+}(SP)", a.local, a.offset);
    case AddrName::kNone:
      break;
  }
  if (a.tls && !a.index_tls) return fmt::format("{}(TLS)", Offset(a.offset));
  if (a.base == ZYDIS_REGISTER_NONE) return fmt::format("{}{}", a.offset, index);
  return fmt::format("{}({}){}", Offset(a.offset), GoRegisterName(a.base), index);
}

}  // namespace

std::string RenderOperand(const Operand& a) {
  switch (a.kind) {
    case OpKind::kNone: return "";
    case OpKind::kReg: return a.tls ? "TLS" : GoRegisterName(a.reg, a.byte_name);
    case OpKind::kImm: return fmt::format("${}", a.offset);
    case OpKind::kFloat: return fmt::format("${}", a.fvalue);
    case OpKind::kString: return fmt::format("$\"{}\"", a.str);
    case OpKind::kAddr: return "$" + MemText(a);
    case OpKind::kMem: return MemText(a);
    case OpKind::kBranch: return a.pc_relative ? fmt::format("{}(PC)", a.offset) : a.sym;
  }
  return "";
}

std::string RenderProg(const Prog& p, const std::vector<uint32_t>& pcs) {
  std::string out = p.op;
  for (size_t i = 0; i < p.args.size(); ++i) {
    out += i == 0 ? "\t" : ", ";
    if (p.target >= 0 && p.args[i].kind == OpKind::kBranch && static_cast<size_t>(p.target) < pcs.size()) {
      out += fmt::format("{}", pcs[static_cast<size_t>(p.target)]);
    } else {
      out += RenderOperand(p.args[i]);
    }
  }
  return out;
}

}  // namespace goemu::isa
