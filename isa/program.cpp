// Operand builders for inserted instructions.
#include "isa/program.h"

namespace goemu::isa {

Operand RegOp(ZydisRegister reg) {
  Operand o;
  o.kind = OpKind::kReg;
  o.reg = reg;
  return o;
}

Operand ImmOp(int64_t value) {
  Operand o;
  o.kind = OpKind::kImm;
  o.offset = value;
  return o;
}

Operand MemOp(ZydisRegister base, int64_t offset) {
  Operand o;
  o.kind = OpKind::kMem;
  o.base = base;
  o.offset = offset;
  return o;
}

Operand TlsOp() {
  Operand o;
  o.kind = OpKind::kMem;
  o.tls = true;
  return o;
}

Operand BranchOp() {
  Operand o;
  o.kind = OpKind::kBranch;
  return o;
}

Operand SymBranchOp(std::string sym) {
  Operand o;
  o.kind = OpKind::kMem;
  o.name = AddrName::kExtern;
  o.sym = std::move(sym);
  return o;
}

}  // namespace goemu::isa
