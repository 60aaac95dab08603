// Layout of a function. Relaxation follows asm6.go span6: every branch starts short; a backward
// branch is sized from the known distance on each pass; a forward branch that turns out not to
// fit becomes near for good and the whole function is laid out again.
#include "isa/span.h"

#include <fmt/format.h>

#include "isa/diag_sink.h"
#include "isa/encode.h"
#include "isa/frame.h"
#include "isa/render.h"

namespace goemu::isa {
namespace {

// Zydis names F3 REPE on the comparing string ops (CMPS, SCAS) and REP on the others.
uint64_t PrefixAttribute(const std::string& op, const std::string& next) {
  if (op == "REP") return next.starts_with("CMPS") || next.starts_with("SCAS") ? ZYDIS_ATTRIB_HAS_REPE : ZYDIS_ATTRIB_HAS_REP;
  if (op == "REPN") return ZYDIS_ATTRIB_HAS_REPNE;
  return ZYDIS_ATTRIB_HAS_LOCK;
}

uint8_t PrefixByte(const std::string& op) {
  if (op == "REP") return 0xF3;
  if (op == "REPN") return 0xF2;
  return 0xF0;
}

bool IsPrefix(const Prog& p) { return p.op == "REP" || p.op == "REPN" || p.op == "LOCK"; }

// Extra SP movement the frame tracer must know about but Go's FP rewriting ignores:
// ADDQ/SUBQ $imm, SP written in the source.
int32_t ExplicitSpAdjust(const Prog& p) {
  if (p.inserted || p.args.size() != 2) return 0;
  const Operand& src = p.args[0];
  const Operand& dst = p.args[1];
  if (src.kind != OpKind::kImm || dst.kind != OpKind::kReg || dst.reg != ZYDIS_REGISTER_RSP) return 0;
  if (p.op == "SUBQ") return static_cast<int32_t>(src.offset);
  if (p.op == "ADDQ") return static_cast<int32_t>(-src.offset);
  return 0;
}

}  // namespace

Symbol AssembleFunction(const Function& fn, const AssembleOptions& options, DiagSink& diags) {
  FramedFunction framed = BuildFrame(fn, options, diags);
  std::vector<Prog>& progs = framed.progs;
  const size_t n = progs.size();

  // Encode everything whose bytes do not depend on layout.
  std::vector<Encoded> fixed(n);
  std::vector<bool> is_branch(n, false), is_short(n, true), failed(n, false);
  for (size_t i = 0; i < n; ++i) {
    const Prog& p = progs[i];
    if (p.bad) {
      failed[i] = true;
      continue;
    }
    if (IsLabelBranch(p)) {
      is_branch[i] = true;
      continue;
    }
    if (IsPrefix(p)) {
      if (i + 1 >= n || IsLabelBranch(progs[i + 1]) || IsPrefix(progs[i + 1])) {
        diags.Error(p.loc, fmt::format("{} must be followed by the instruction it prefixes", p.op), p.source);
        failed[i] = true;
        continue;
      }
      // Only whether the prefixed form exists matters here; the plain form reports its own errors.
      DiagSink trial(1);
      auto next = EncodeProg(progs[i + 1], options, PrefixAttribute(p.op, progs[i + 1].op), trial);
      if (!next || next->bytes.empty() || next->bytes[0] != PrefixByte(p.op)) {
        if (EncodeProg(progs[i + 1], options, 0, diags)) {
          diags.Error(p.loc, fmt::format("{} cannot prefix {}: expected a string or read-modify-write instruction", p.op, progs[i + 1].op), p.source);
        }
        failed[i] = failed[i + 1] = true;
        ++i;
        continue;
      }
      // Go assembles the prefix as its own 1-byte instruction.
      fixed[i].bytes = {next->bytes[0]};
      next->bytes.erase(next->bytes.begin());
      for (Reloc& r : next->relocs) --r.off;
      fixed[i + 1] = std::move(*next);
      ++i;
      continue;
    }
    auto e = EncodeProg(p, options, 0, diags);
    if (e) fixed[i] = std::move(*e); else failed[i] = true;
  }

  // Relaxation.
  std::vector<uint32_t> pcs(n + 1, 0);
  for (int pass = 0; pass < 1000; ++pass) {
    uint32_t pc = 0;
    for (size_t i = 0; i < n; ++i) {
      pcs[i] = pc;
      if (!is_branch[i]) {
        pc += static_cast<uint32_t>(fixed[i].bytes.size());
        continue;
      }
      size_t t = static_cast<size_t>(progs[i].target);
      if (t <= i) {  // backward: the distance is known now
        int64_t v = static_cast<int64_t>(pcs[t]) - (pc + 2);
        is_short[i] = v >= -128 && progs[i].op != "CALL";
      }
      pc += static_cast<uint32_t>(BranchSize(progs[i], is_short[i] && progs[i].op != "CALL" ? 8 : 32));
    }
    pcs[n] = pc;
    bool again = false;
    for (size_t i = 0; i < n; ++i) {
      size_t t = static_cast<size_t>(progs[i].target);
      if (!is_branch[i] || t <= i || !is_short[i]) continue;
      if (static_cast<int64_t>(pcs[t]) - (pcs[i] + 2) > 127) {
        is_short[i] = false;
        again = true;
      }
    }
    if (!again) break;
  }

  Symbol sym;
  sym.name = fn.decl.name;
  sym.kind = SymbolKind::kText;
  sym.flags = framed.flags;
  sym.frame = framed.frame;
  sym.args = fn.decl.args;
  sym.loc = fn.decl.loc;
  int32_t sp = 0;
  for (size_t i = 0; i < n; ++i) {
    const Prog& p = progs[i];
    Instruction insn;
    insn.off = pcs[i];
    insn.loc = p.loc;
    insn.inserted = p.inserted;
    insn.sp_delta = sp;
    insn.fp_args = p.fp_args;
    insn.text = RenderProg(p, pcs);
    if (is_branch[i]) {
      size_t t = static_cast<size_t>(progs[i].target);
      bool near = !is_short[i] || p.op == "CALL";
      int64_t disp = static_cast<int64_t>(pcs[t]) - (pcs[i] + BranchSize(p, near ? 32 : 8));
      if (auto e = EncodeBranch(p, disp, near ? 32 : 8, diags)) insn.bytes = std::move(e->bytes);
    } else if (!failed[i]) {
      insn.bytes = std::move(fixed[i].bytes);
      for (Reloc r : fixed[i].relocs) {
        r.off += pcs[i];
        sym.relocs.push_back(std::move(r));
      }
      if (insn.bytes.empty() && p.op == "MOVQ" && !p.args.empty() && p.args[0].kind == OpKind::kReg && p.args[0].tls) {
        insn.text = "NOP";  // the 1-instruction TLS model drops `MOVQ TLS, r`
      }
    }
    sp += p.spadj + ExplicitSpAdjust(p);
    sym.insns.push_back(std::move(insn));
  }
  sym.size = pcs[n];
  return sym;
}

}  // namespace goemu::isa
