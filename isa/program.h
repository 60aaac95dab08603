// The parsed program: Go-order operands and "progs" (one per statement or inserted instruction),
// grouped into TEXT functions, plus DATA/GLOBL statements. Plan 9 spellings stop here: registers
// are Zydis registers, symbols are linker names.
#pragma once

#include <Zydis/Zydis.h>

#include <cstdint>
#include <string>
#include <vector>

#include "isa/assembler.h"

namespace goemu::isa {

enum class OpKind {
  kNone,
  kReg,     // AX, X0, ... (reg); the bare TLS pseudo-register (tls = true)
  kImm,     // $123
  kFloat,   // $1.5 (DATA only)
  kString,  // $"abc" (DATA only)
  kAddr,    // $sym(SB), $x(FP), $8(SP): the address of a memory operand
  kMem,     // off(base)(index*scale), sym+off(SB), name+off(FP), name-off(SP), (TLS)
  kBranch,  // label, n(PC), or sym(SB) as a CALL/JMP target
};

// Which pseudo-register a memory operand is relative to.
enum class AddrName { kNone, kExtern, kStatic, kParam, kAuto };

struct Operand {
  OpKind kind = OpKind::kNone;
  ZydisRegister reg = ZYDIS_REGISTER_NONE;  // kReg: canonical 64-bit GPR, XMM or high-byte register
  bool byte_name = false;                   // kReg: written with an 8-bit name (AL, SIB, R8B)
  bool tls = false;                         // kReg: TLS; kMem: (TLS) base
  int64_t offset = 0;                       // kImm value; kMem/kAddr displacement
  double fvalue = 0;
  std::string str;                          // kString bytes
  ZydisRegister base = ZYDIS_REGISTER_NONE; // kMem/kAddr: RSP for hardware SP
  ZydisRegister index = ZYDIS_REGISTER_NONE;
  bool index_tls = false;                   // (TLS*k) index
  uint8_t scale = 0;
  AddrName name = AddrName::kNone;
  std::string sym;                          // kExtern/kStatic symbol; kBranch label or symbol
  std::string local;                        // the `name` of name+off(FP) / name-off(SP)
  bool pc_relative = false;                 // kBranch written n(PC); offset holds n
  SourceLoc loc;
  bool IsSymbol() const { return name == AddrName::kExtern || name == AddrName::kStatic; }
};

struct Prog {
  std::string op;             // Go mnemonic, upper case: "MOVQ", "JLS", "PCDATA", "ADJSP", ...
  std::vector<Operand> args;  // Go order: sources first
  SourceLoc loc;
  std::string source;         // the statement's line, for diagnostics
  bool inserted = false;
  int32_t spadj = 0;          // Go's Spadj: how this prog changes the SP depth
  int target = -1;            // branch target prog index inside the function
  bool bad = false;           // already diagnosed (e.g. an undefined label): emit nothing
  std::vector<std::string> fp_args;  // names of name+off(FP) operands, before rewriting
};

// Builders for the instructions the assembler inserts.
Operand RegOp(ZydisRegister reg);
Operand ImmOp(int64_t value);
Operand MemOp(ZydisRegister base, int64_t offset);
Operand TlsOp();  // (TLS): the g slot
Operand BranchOp();
Operand SymBranchOp(std::string sym);

struct TextDecl {
  std::string name;
  uint32_t flags = 0;
  int64_t frame = 0;
  int64_t args = kArgsUnknown;
  SourceLoc loc;
  std::string source;
};

struct Function {
  TextDecl decl;
  std::vector<Prog> progs;  // body only; the TEXT itself is implicit
  std::vector<std::string> label_names;
  std::vector<int> label_targets;  // prog index each label names (parallel to label_names)
};

struct DataStmt {
  std::string sym;
  int64_t off = 0;
  int size = 0;
  Operand value;
  SourceLoc loc;
  std::string source;
};

struct GlobalStmt {
  std::string sym;
  uint32_t flags = 0;
  int64_t size = 0;
  SourceLoc loc;
  std::string source;
};

struct Program {
  std::vector<Function> functions;
  std::vector<DataStmt> data;
  std::vector<GlobalStmt> globals;
};

}  // namespace goemu::isa
