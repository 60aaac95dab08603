// Lowering Go operands to Zydis requests. Go's choices that differ from Zydis's defaults are
// handled here: MOVQ $imm with a uint32 value (MOVL form), MOVQ/MOVL to or from X registers,
// MOVQ $addr (LEAQ), TLS accesses per the TLS model, forced 32-bit TLS displacements.
#include "isa/encode.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "isa/diag_sink.h"
#include "isa/go_version.h"
#include "isa/mnemonic_table.h"
#include "isa/registers.h"

namespace goemu::isa {
namespace {

// A displacement only a disp32 can hold, used to force that form before patching the real value.
constexpr int64_t kForceDisp32 = 0x7ffffff0;

struct Lowered {
  ZydisEncoderRequest req;
  // Fix-ups applied after encoding, located through the decoder.
  bool disp_reloc = false;
  Reloc reloc;
  bool patch_disp = false;
  int32_t disp_value = 0;
  bool patch_imm = false;
  int64_t imm_value = 0;
  bool flip_direction = false;  // turn 89 /r into 8B /r (SDM vol. 2 B.1.4.3, the d bit)
  bool empty = false;  // the instruction emits no bytes (linux `MOVQ TLS, r`)
};

class Lowerer {
 public:
  Lowerer(const Prog& p, const AssembleOptions& options, DiagSink& diags)
      : p_(p), tls_(TlsModelFor(options.goos)), diags_(diags) {}

  std::optional<Lowered> Run(const MnemonicInfo& info, uint64_t prefixes) {
    std::memset(&out_.req, 0, sizeof(out_.req));
    out_.req.machine_mode = ZYDIS_MACHINE_MODE_LONG_64;
    out_.req.mnemonic = info.mnemonic;
    out_.req.prefixes = prefixes;
    std::vector<Operand> args = p_.args;
    int width = info.width;
    int src_width = info.width;
    switch (info.rule) {
      case OrderRule::kNone:
      case OrderRule::kString:
      case OrderRule::kRet:
        if (!args.empty()) return Bad("takes no operands");
        return out_;
      case OrderRule::kKeep:
        break;
      case OrderRule::kMov:
        if (!MovSpecialCases(args, width)) return std::nullopt;
        if (out_.empty) return out_;
        std::swap(args.front(), args.back());
        break;
      case OrderRule::kExtend:
        src_width = info.src_width;
        if (args.size() != 2) return Bad("expects source, destination");
        if (info.mnemonic == ZYDIS_MNEMONIC_MOV && args[0].kind == OpKind::kReg && args[1].kind == OpKind::kReg) {
          // MOVLQZX r, r: Go encodes MOV r32, r/m32 (8B /r). Zydis only offers 89 /r for two
          // registers, so encode the mirrored move (same ModRM) and set the direction bit.
          out_.flip_direction = true;
          return Operands(args, {width, src_width});
        }
        std::swap(args[0], args[1]);
        return Operands(args, {width, src_width});
      case OrderRule::kBranch:
        return BranchTarget(args);
      default:
        std::reverse(args.begin(), args.end());
        // IMULQ $imm, r is the 3-operand form with r as both source and destination.
        if (info.mnemonic == ZYDIS_MNEMONIC_IMUL && args.size() == 2 && args[1].kind == OpKind::kImm) {
          args.insert(args.begin() + 1, args[0]);
        }
        break;
    }
    if (info.mnemonic == ZYDIS_MNEMONIC_XCHG && args.size() == 2 && args[0].kind == OpKind::kReg &&
        args[1].kind == OpKind::kReg && args[0].reg == ZYDIS_REGISTER_RAX) {
      // Go uses the one-byte 90+r form whenever AX is involved; Zydis only does when AX comes second.
      std::swap(args[0], args[1]);
    }
    std::vector<int> widths(args.size(), width);
    if (info.rule == OrderRule::kShift && args.size() == 3) {
      // SHLQ count, src, dst is the double shift: shld dst, src, count.
      out_.req.mnemonic = info.mnemonic == ZYDIS_MNEMONIC_SHL ? ZYDIS_MNEMONIC_SHLD
                          : info.mnemonic == ZYDIS_MNEMONIC_SHR ? ZYDIS_MNEMONIC_SHRD : ZYDIS_MNEMONIC_INVALID;
    }
    if (info.rule == OrderRule::kShift && args.size() >= 2 && args.back().kind == OpKind::kReg) {
      if (args.back().reg != ZYDIS_REGISTER_RCX) return Bad("shift count register must be CX");
      widths.back() = 8;
    }
    if (info.rule == OrderRule::kSse || out_.req.mnemonic == ZYDIS_MNEMONIC_MOVQ || out_.req.mnemonic == ZYDIS_MNEMONIC_MOVD) {
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].kind == OpKind::kReg && !IsXmm(args[i].reg)) widths[i] = width == 64 ? 64 : 32;
      }
    }
    if (out_.req.mnemonic == ZYDIS_MNEMONIC_INT && args.size() == 1 && args[0].kind == OpKind::kImm) {
      widths[0] = 0;  // an unsigned vector number, not a sign-extended immediate
    }
    return Operands(args, widths);
  }

 private:
  std::optional<Lowered> Bad(std::string_view why) {
    diags_.Error(p_.loc, fmt::format("bad operands for {}: {}", p_.op, why), p_.source);
    return std::nullopt;
  }

  // MOV-family rewrites Go's assembler performs before table matching.
  bool MovSpecialCases(std::vector<Operand>& args, int& width) {
    if (args.size() != 2) {
      Bad("expects source, destination");
      return false;
    }
    Operand& src = args[0];
    Operand& dst = args[1];
    if (src.kind == OpKind::kReg && src.tls) {
      if (tls_.one_instruction) {
        out_.empty = true;  // the 1-instruction model folds the TLS base into the next access
        return true;
      }
      // MOVQ TLS, r -> MOVQ GS:tls_slot, r
      src = Operand{};
      src.kind = OpKind::kMem;
      src.offset = tls_.tls_slot;
      out_.req.prefixes |= tls_.segment == ZYDIS_REGISTER_GS ? ZYDIS_ATTRIB_HAS_SEGMENT_GS : ZYDIS_ATTRIB_HAS_SEGMENT_FS;
      return true;
    }
    bool xmm = (src.kind == OpKind::kReg && IsXmm(src.reg)) || (dst.kind == OpKind::kReg && IsXmm(dst.reg));
    if (xmm) {
      if (width != 64 && width != 32) {
        Bad("X registers move with MOVQ or MOVL only");
        return false;
      }
      out_.req.mnemonic = width == 64 ? ZYDIS_MNEMONIC_MOVQ : ZYDIS_MNEMONIC_MOVD;
      return true;
    }
    if (width == 64 && src.kind == OpKind::kImm && dst.kind == OpKind::kReg && src.offset > INT32_MAX &&
        src.offset <= static_cast<int64_t>(UINT32_MAX)) {
      width = 32;  // a zero-extending MOVL is shorter, and Go picks it
    }
    return true;
  }

  std::optional<Lowered> BranchTarget(const std::vector<Operand>& args) {
    if (args.size() != 1) return Bad("expects one target");
    const Operand& t = args[0];
    if (t.kind == OpKind::kMem && t.IsSymbol()) {
      // Direct CALL/JMP sym(SB): rel32 with an R_CALL relocation.
      out_.req.branch_type = ZYDIS_BRANCH_TYPE_NEAR;
      out_.req.branch_width = ZYDIS_BRANCH_WIDTH_32;
      out_.req.operand_count = 1;
      out_.req.operands[0].type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
      out_.req.operands[0].imm.s = kForceDisp32;
      out_.disp_reloc = true;
      out_.reloc = Reloc{0, 4, RelocType::kCall, t.sym, t.offset};
      return out_;
    }
    if (t.kind == OpKind::kReg || t.kind == OpKind::kMem) {
      if (t.kind == OpKind::kReg && !IsGpr64(t.reg)) return Bad("indirect target must be a 64-bit register");
      return Operands(args, {64});
    }
    return Bad("expected a label, n(PC), name(SB), a register or a memory operand");
  }

  std::optional<Lowered> Operands(const std::vector<Operand>& args, const std::vector<int>& widths) {
    if (args.size() > 4) return Bad("too many operands");
    out_.req.operand_count = static_cast<uint8_t>(args.size());
    for (size_t i = 0; i < args.size(); ++i) {
      if (!Operand1(args[i], widths[i], out_.req.operands[i])) return std::nullopt;
      // LEA's memory operand has no access size; Zydis wants the address size.
      if (out_.req.mnemonic == ZYDIS_MNEMONIC_LEA && out_.req.operands[i].type == ZYDIS_OPERAND_TYPE_MEMORY) {
        out_.req.operands[i].mem.size = 8;
      }
    }
    return out_;
  }

  bool Operand1(const Operand& a, int width, ZydisEncoderOperand& o) {
    switch (a.kind) {
      case OpKind::kReg: {
        if (a.tls) return static_cast<bool>(Bad("TLS is only a MOVQ source"));
        o.type = ZYDIS_OPERAND_TYPE_REGISTER;
        if (IsXmm(a.reg)) {
          o.reg.value = a.reg;
          return true;
        }
        o.reg.value = GprAtWidth(a.reg, width);
        if (o.reg.value == ZYDIS_REGISTER_NONE) {
          return static_cast<bool>(Bad(fmt::format("{} has no {}-bit form", GoRegisterName(a.reg), width)));
        }
        return true;
      }
      case OpKind::kImm: {
        o.type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
        o.imm.s = a.offset;
        // Go accepts an unsigned spelling of a narrow immediate ($0xffffffff for a 32-bit op).
        // Its operand classes only give imm8 to values in [-128, 127] as written, so such a
        // value keeps the full-width immediate: encode a placeholder that needs it, patch later.
        if (width >= 8 && width <= 32 && a.offset >= (int64_t{1} << (width - 1)) && a.offset < (int64_t{1} << width)) {
          o.imm.s = a.offset - (int64_t{1} << width);
          if (width > 8) {
            out_.patch_imm = true;
            out_.imm_value = o.imm.s;
            o.imm.s = width == 16 ? 0x7ff0 : 0x7ffffff0;
          }
        }
        return true;
      }
      case OpKind::kMem:
        return Memory(a, width, o);
      default:
        return static_cast<bool>(Bad("this operand form is not allowed here"));
    }
  }

  bool Memory(const Operand& a, int width, ZydisEncoderOperand& o) {
    o.type = ZYDIS_OPERAND_TYPE_MEMORY;
    o.mem.size = static_cast<ZyanU16>(width == 0 ? 8 : width / 8);
    o.mem.displacement = a.offset;
    o.mem.base = a.base;
    o.mem.index = a.index;
    o.mem.scale = a.index == ZYDIS_REGISTER_NONE ? 0 : a.scale;
    if (a.name == AddrName::kParam || a.name == AddrName::kAuto) {
      o.mem.base = ZYDIS_REGISTER_RSP;  // offsets were already rewritten to hardware SP
      return true;
    }
    if (a.IsSymbol()) {
      if (a.index != ZYDIS_REGISTER_NONE) {
        // sym(SB)(idx*s): absolute 32-bit address, as Go emits it
        o.mem.displacement = kForceDisp32;
        out_.disp_reloc = true;
        out_.reloc = Reloc{0, 4, RelocType::kAddr, a.sym, a.offset};
        return true;
      }
      o.mem.base = ZYDIS_REGISTER_RIP;
      o.mem.displacement = 0;
      out_.disp_reloc = true;
      out_.reloc = Reloc{0, 4, RelocType::kPcRel, a.sym, a.offset};
      return true;
    }
    if (a.tls || a.index_tls) {
      if (tls_.one_instruction) {
        // off(r)(TLS*1) and (TLS) are FS:tls_g+off (R_TLS_LE), no register involved
        o.mem.base = ZYDIS_REGISTER_NONE;
        o.mem.index = ZYDIS_REGISTER_NONE;
        o.mem.scale = 0;
        o.mem.displacement = kForceDisp32;
        out_.req.prefixes |= ZYDIS_ATTRIB_HAS_SEGMENT_FS;
        out_.disp_reloc = true;
        out_.reloc = Reloc{0, 4, RelocType::kTlsLe, "TLS", a.offset};
        return true;
      }
      if (a.tls) return static_cast<bool>(Bad("(TLS) needs get_tls(r) and g(r) under the 2-instruction TLS model"));
      // off(r)(TLS*k) -> off+tls_g(r), always with a 32-bit displacement
      o.mem.index = ZYDIS_REGISTER_NONE;
      o.mem.scale = 0;
      o.mem.displacement = kForceDisp32;
      out_.patch_disp = true;
      out_.disp_value = static_cast<int32_t>(a.offset + tls_.tls_g);
      return true;
    }
    return true;
  }

  const Prog& p_;
  const TlsModel& tls_;
  DiagSink& diags_;
  Lowered out_;
};

bool IsAccumulator(ZydisRegister r) {
  return r == ZYDIS_REGISTER_AL || r == ZYDIS_REGISTER_AX || r == ZYDIS_REGISTER_EAX || r == ZYDIS_REGISTER_RAX;
}

// Same width, ModRM.reg = 1 instead of 0.
ZydisRegister CounterFor(ZydisRegister accumulator) {
  return static_cast<ZydisRegister>(accumulator + 1);
}

bool EncodeAndDecode(const ZydisEncoderRequest& req, uint8_t* buf, ZyanUSize& len, ZydisDecodedInstruction& insn) {
  len = ZYDIS_MAX_INSTRUCTION_LENGTH;
  if (!ZYAN_SUCCESS(ZydisEncoderEncodeInstruction(&req, buf, &len))) return false;
  ZydisDecoder decoder;
  ZydisDecoderInit(&decoder, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  return ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&decoder, nullptr, buf, len, &insn));
}

std::optional<Encoded> Finish(const Prog& p, const Lowered& l, DiagSink& diags) {
  Encoded e;
  if (l.empty) return e;
  uint8_t buf[ZYDIS_MAX_INSTRUCTION_LENGTH];
  ZyanUSize len = 0;
  ZydisDecodedInstruction insn;
  if (!EncodeAndDecode(l.req, buf, len, insn)) {
    diags.Error(p.loc, fmt::format("bad operand combination for {}: no x86 encoding takes these operands", p.op), p.source);
    return std::nullopt;
  }
  if (insn.opcode_map == ZYDIS_OPCODE_MAP_DEFAULT && insn.opcode >= 0xA0 && insn.opcode <= 0xA3) {
    // Zydis picks the accumulator's moffs form (with a 67 prefix) for an absolute address; Go
    // always uses ModRM+SIB. Encode the same move with CX, whose only form is ModRM, and give
    // ModRM.reg back to the accumulator (register number 0).
    ZydisEncoderRequest alt = l.req;
    for (int i = 0; i < alt.operand_count; ++i) {
      ZydisEncoderOperand& o = alt.operands[i];
      if (o.type == ZYDIS_OPERAND_TYPE_REGISTER && IsAccumulator(o.reg.value)) o.reg.value = CounterFor(o.reg.value);
    }
    if (!EncodeAndDecode(alt, buf, len, insn) || !(insn.attributes & ZYDIS_ATTRIB_HAS_MODRM)) {
      diags.Error(p.loc, fmt::format("internal error: no ModRM form of {}", p.op), p.source);
      return std::nullopt;
    }
    buf[insn.raw.modrm.offset] = static_cast<uint8_t>(buf[insn.raw.modrm.offset] & ~0x38);
  }
  if (l.flip_direction && insn.opcode == 0x89 && insn.opcode_map == ZYDIS_OPCODE_MAP_DEFAULT) {
    buf[insn.raw.modrm.offset - 1] = 0x8B;
  }
  e.bytes.assign(buf, buf + len);
  if (l.patch_imm) {
    for (uint32_t i = 0; i < insn.raw.imm[0].size / 8; ++i) {
      e.bytes[insn.raw.imm[0].offset + i] = static_cast<uint8_t>(static_cast<uint64_t>(l.imm_value) >> (8 * i));
    }
  }
  if (!l.disp_reloc && !l.patch_disp) return e;
  // Zero (relocation) or patch (forced disp32) the displacement / relative immediate.
  uint32_t field = insn.raw.disp.size == 32 ? insn.raw.disp.offset : insn.raw.imm[0].offset;
  uint32_t value = 0;
  if (l.patch_disp) value = static_cast<uint32_t>(l.disp_value);
  for (int i = 0; i < 4; ++i) e.bytes[field + static_cast<uint32_t>(i)] = static_cast<uint8_t>(value >> (8 * i));
  if (l.disp_reloc) {
    Reloc r = l.reloc;
    r.off = field;
    if (r.type == RelocType::kPcRel || r.type == RelocType::kCall) {
      r.addend -= static_cast<int64_t>(len) - (field + 4);
    }
    e.relocs.push_back(std::move(r));
  }
  return e;
}

}  // namespace

bool IsLabelBranch(const Prog& p) { return p.target >= 0; }

std::optional<Encoded> EncodeProg(const Prog& p, const AssembleOptions& options, uint64_t prefixes, DiagSink& diags) {
  const MnemonicInfo* info = LookupMnemonic(p.op);
  if (!info) {
    diags.Error(p.loc, fmt::format("unknown instruction {}: expected a Go amd64 mnemonic such as MOVQ or ADDL", p.op), p.source);
    return std::nullopt;
  }
  if (info->rule == OrderRule::kPseudo || info->rule == OrderRule::kPrefix) return Encoded{};
  if (info->rule == OrderRule::kRaw) {
    // BYTE/WORD/LONG/QUAD $v: the value's bytes, little-endian; not an instruction encoding.
    if (p.args.size() != 1 || p.args[0].kind != OpKind::kImm) {
      diags.Error(p.loc, fmt::format("bad operands for {}: expected one $constant", p.op), p.source);
      return std::nullopt;
    }
    Encoded e;
    for (int i = 0; i < info->width / 8; ++i) e.bytes.push_back(static_cast<uint8_t>(static_cast<uint64_t>(p.args[0].offset) >> (8 * i)));
    return e;
  }
  auto lowered = Lowerer(p, options, diags).Run(*info, prefixes);
  if (!lowered) return std::nullopt;
  return Finish(p, *lowered, diags);
}

int BranchSize(const Prog& p, int width) {
  if (width == 8) return 2;
  return p.op == "JMP" || p.op == "CALL" ? 5 : 6;
}

std::optional<Encoded> EncodeBranch(const Prog& p, int64_t disp, int width, DiagSink& diags) {
  const MnemonicInfo* info = LookupMnemonic(p.op);
  if (!info || info->rule != OrderRule::kBranch) {
    diags.Error(p.loc, fmt::format("{} cannot take a label or n(PC) operand: expected a branch instruction", p.op), p.source);
    return std::nullopt;
  }
  if (p.op == "CALL" && width == 8) width = 32;
  ZydisEncoderRequest req;
  std::memset(&req, 0, sizeof(req));
  req.machine_mode = ZYDIS_MACHINE_MODE_LONG_64;
  req.mnemonic = info->mnemonic;
  req.branch_type = width == 8 ? ZYDIS_BRANCH_TYPE_SHORT : ZYDIS_BRANCH_TYPE_NEAR;
  req.branch_width = width == 8 ? ZYDIS_BRANCH_WIDTH_8 : ZYDIS_BRANCH_WIDTH_32;
  req.operand_count = 1;
  req.operands[0].type = ZYDIS_OPERAND_TYPE_IMMEDIATE;
  req.operands[0].imm.s = disp;
  uint8_t buf[ZYDIS_MAX_INSTRUCTION_LENGTH];
  ZyanUSize len = sizeof(buf);
  if (!ZYAN_SUCCESS(ZydisEncoderEncodeInstruction(&req, buf, &len))) {
    diags.Error(p.loc, fmt::format("cannot encode {} with displacement {}", p.op, disp), p.source);
    return std::nullopt;
  }
  return Encoded{std::vector<uint8_t>(buf, buf + len), {}};
}

}  // namespace goemu::isa
