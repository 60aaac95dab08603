// Frame construction, following obj6.go's preprocess/stacksplit for the selected version.
#include "isa/frame.h"

#include <fmt/format.h>

#include "isa/diag_sink.h"
#include "isa/go_version.h"

namespace goemu::isa {
namespace {

bool IsZeroArgRuntimeCall(const std::string& sym) {
  return sym == "runtime.panicdivide" || sym == "runtime.panicwrap" || sym == "runtime.panicshift" ||
         sym.starts_with("runtime.panicIndex") || sym.starts_with("runtime.panicSlice");
}

class FrameBuilder {
 public:
  FrameBuilder(const Function& fn, const AssembleOptions& options, DiagSink& diags)
      : fn_(fn), traits_(TraitsFor(options.go_version)), tls_(TlsModelFor(options.goos)), diags_(diags) {}

  FramedFunction Build() {
    const TextDecl& decl = fn_.decl;
    out_.flags = decl.flags;
    int64_t autoffset = decl.frame < 0 ? 0 : decl.frame;
    bool has_call = false;
    for (const Prog& p : fn_.progs) has_call = has_call || p.op == "CALL";

    // (1) BP slot: not NOFRAME, not a frameless NOSPLIT, not a frameless leaf.
    int64_t bpsize = 0;
    if (!(decl.flags & kFlagNoFrame) && !(autoffset == 0 && (decl.flags & kFlagNoSplit)) &&
        !(autoffset == 0 && !has_call)) {
      bpsize = 8;
      autoffset += bpsize;
    }
    if (autoffset % 8 != 0) {
      diags_.Error(decl.loc, fmt::format("unaligned frame size {} for {}: expected a multiple of 8", decl.frame, decl.name), decl.source);
    }
    // (2) Small leaves need no split check.
    if (autoffset < kStackSmall && !(out_.flags & kFlagNoSplit)) {
      bool leaf = true;
      for (const Prog& p : fn_.progs) {
        if (p.op != "CALL") continue;
        const Operand& to = p.args.empty() ? Operand{} : p.args.back();
        if (!to.IsSymbol() || !IsZeroArgRuntimeCall(to.sym) || autoffset >= kStackSmall - 8) {
          leaf = false;
          break;
        }
      }
      if (leaf) out_.flags |= kFlagNoSplit;
    }
    autoffset_ = autoffset;
    bpsize_ = bpsize;
    out_.frame = autoffset;

    // (3) Prologue.
    int jls = -1;
    if (!(out_.flags & kFlagNoSplit)) {
      jls = StackSplit();
    } else if (out_.flags & kFlagWrapper) {
      LoadG();
    }
    if (autoffset != 0) AdjustSp(autoffset);
    if (bpsize > 0) {
      Emit("MOVQ", {RegOp(ZYDIS_REGISTER_RBP), MemOp(ZYDIS_REGISTER_RSP, autoffset - bpsize)});
      Emit("LEAQ", {MemOp(ZYDIS_REGISTER_RSP, autoffset - bpsize), RegOp(ZYDIS_REGISTER_RBP)});
    }
    int wrapper_jne = -1, wrapper_end = -1;
    if (decl.flags & kFlagWrapper) {
      // if g._panic != nil && g._panic.argp == FP { g._panic.argp = bottom-of-frame }
      //   MOVQ 32(g), tmp0 ; TESTQ tmp0, tmp0 ; JNE checkargp ; end: NOP ; ...body...
      Emit("MOVQ", {MemOp(traits_.g_reg, 32), RegOp(traits_.wrapper_tmp0)});
      Emit("TESTQ", {RegOp(traits_.wrapper_tmp0), RegOp(traits_.wrapper_tmp0)});
      wrapper_jne = static_cast<int>(out_.progs.size());
      Emit("JNE", {BranchOp()});
      wrapper_end = static_cast<int>(out_.progs.size());
      Emit("NOP", {});
    }

    // Body, with epilogues at each RET; remember where each source prog landed.
    deltasp_ = autoffset;
    std::vector<int> new_index(fn_.progs.size() + 1, 0);
    int body_start = static_cast<int>(out_.progs.size());
    for (size_t i = 0; i < fn_.progs.size(); ++i) {
      new_index[i] = static_cast<int>(out_.progs.size());
      Body(fn_.progs[i]);
    }
    new_index[fn_.progs.size()] = static_cast<int>(out_.progs.size());
    for (size_t i = body_start; i < out_.progs.size(); ++i) {
      Prog& p = out_.progs[i];
      if (p.target >= 0 && !p.inserted) p.target = new_index[static_cast<size_t>(p.target)];
    }

    // (5) The morestack stub, then JMP back to the g load.
    if (jls >= 0) {
      out_.progs[static_cast<size_t>(jls)].target = static_cast<int>(out_.progs.size());
      if (extra_stub_branch_ >= 0) out_.progs[static_cast<size_t>(extra_stub_branch_)].target = static_cast<int>(out_.progs.size());
      SourceLoc last = LastLoc();
      loc_override_ = &last;
      Emit("NOP", {}).spadj = static_cast<int32_t>(-autoffset);
      loc_override_ = nullptr;
      bool ctxt = decl.flags & kFlagNeedCtxt;
      Emit("CALL", {SymBranchOp(ctxt ? "runtime.morestack" : "runtime.morestack_noctxt")});
      Prog& back = Emit("JMP", {BranchOp()});
      back.target = 0;
      back.spadj = static_cast<int32_t>(autoffset);
    }
    if (wrapper_jne >= 0) {
      //   checkargp: LEAQ (autoffset+8)(SP), tmp1 ; CMPQ 0(tmp0), tmp1 ; JNE end
      //              MOVQ SP, 0(tmp0) ; JMP end
      out_.progs[static_cast<size_t>(wrapper_jne)].target = static_cast<int>(out_.progs.size());
      SourceLoc last = LastLoc();
      loc_override_ = &last;
      Emit("LEAQ", {MemOp(ZYDIS_REGISTER_RSP, autoffset + 8), RegOp(traits_.wrapper_tmp1)});
      Emit("CMPQ", {MemOp(traits_.wrapper_tmp0, 0), RegOp(traits_.wrapper_tmp1)});
      Emit("JNE", {BranchOp()}).target = wrapper_end;
      Emit("MOVQ", {RegOp(ZYDIS_REGISTER_RSP), MemOp(traits_.wrapper_tmp0, 0)});
      Emit("JMP", {BranchOp()}).target = wrapper_end;
      loc_override_ = nullptr;
    }
    return std::move(out_);
  }

 private:
  Prog& Emit(std::string op, std::vector<Operand> args) {
    Prog p;
    p.op = std::move(op);
    p.args = std::move(args);
    p.loc = loc_override_ ? *loc_override_ : fn_.decl.loc;
    p.loc.col = 0;
    p.source = fn_.decl.source;
    p.inserted = true;
    out_.progs.push_back(std::move(p));
    return out_.progs.back();
  }

  // Code appended at the end inherits the position of the instruction before it (obj.Appendp).
  SourceLoc LastLoc() const { return out_.progs.empty() ? fn_.decl.loc : out_.progs.back().loc; }

  // ADJSP $v (grow the frame by v): SUBQ $v, SP or ADDQ $-v, SP, as asm6.go lowers it.
  void AdjustSp(int64_t v) {
    bool add = v < 0;
    if (traits_.adjsp_prefers_imm8) add = v == 128 || (v < 0 && v != -128);
    Emit(add ? "ADDQ" : "SUBQ", {ImmOp(add ? -v : v), RegOp(ZYDIS_REGISTER_RSP)}).spadj = static_cast<int32_t>(v);
  }

  // MOVQ (TLS), g — two instructions under a 2-instruction TLS model.
  void LoadG() {
    if (tls_.one_instruction) {
      Emit("MOVQ", {TlsOp(), RegOp(traits_.g_reg)});
      return;
    }
    Operand tls_reg;
    tls_reg.kind = OpKind::kReg;
    tls_reg.tls = true;
    Emit("MOVQ", {tls_reg, RegOp(traits_.g_reg)});
    Operand slot = MemOp(traits_.g_reg, 0);
    slot.index_tls = true;
    slot.scale = 2;  // Go marks an already-rewritten TLS access with scale 2
    Emit("MOVQ", {slot, RegOp(traits_.g_reg)});
  }

  // (4) The split check; returns the index of the JLS (target patched once the stub exists).
  int StackSplit() {
    LoadG();
    const ZydisRegister g = traits_.g_reg, tmp = traits_.split_tmp;
    const int64_t frame = autoffset_;
    if (frame <= kStackSmall) {
      // CMPQ SP, 16(g)
      Emit("CMPQ", {RegOp(ZYDIS_REGISTER_RSP), MemOp(g, 16)});
    } else if (frame <= kStackBig) {
      // LEAQ -(frame-StackSmall)(SP), tmp ; CMPQ tmp, 16(g)
      Emit("LEAQ", {MemOp(ZYDIS_REGISTER_RSP, -(frame - kStackSmall)), RegOp(tmp)});
      Emit("CMPQ", {RegOp(tmp), MemOp(g, 16)});
    } else if (traits_.huge_check == HugeFrameCheck::kPreemptCompare) {
      // MOVQ 16(g), SI ; CMPQ SI, $stackPreempt ; JEQ stub
      // LEAQ StackGuard(SP), tmp ; SUBQ SI, tmp ; CMPQ tmp, $(frame+StackGuard-StackSmall)
      Emit("MOVQ", {MemOp(g, 16), RegOp(ZYDIS_REGISTER_RSI)});
      Emit("CMPQ", {RegOp(ZYDIS_REGISTER_RSI), ImmOp(kStackPreempt)});
      int jeq = static_cast<int>(out_.progs.size());
      Emit("JEQ", {BranchOp()});
      Emit("LEAQ", {MemOp(ZYDIS_REGISTER_RSP, traits_.stack_guard), RegOp(tmp)});
      Emit("SUBQ", {RegOp(ZYDIS_REGISTER_RSI), RegOp(tmp)});
      Emit("CMPQ", {RegOp(tmp), ImmOp(frame + traits_.stack_guard - kStackSmall)});
      int jls = static_cast<int>(out_.progs.size());
      Emit("JLS", {BranchOp()});
      extra_stub_branch_ = jeq;
      return jls;
    } else {
      // MOVQ SP, tmp ; SUBQ $(frame-StackSmall), tmp ; JCS stub ; CMPQ tmp, 16(g)
      Emit("MOVQ", {RegOp(ZYDIS_REGISTER_RSP), RegOp(tmp)});
      Emit("SUBQ", {ImmOp(frame - kStackSmall), RegOp(tmp)});
      extra_stub_branch_ = static_cast<int>(out_.progs.size());
      Emit("JCS", {BranchOp()});
      Emit("CMPQ", {RegOp(tmp), MemOp(g, 16)});
    }
    int jls = static_cast<int>(out_.progs.size());
    Emit("JLS", {BranchOp()});
    return jls;
  }

  void Rewrite(Prog& p) {
    for (Operand& a : p.args) {
      if (a.kind != OpKind::kMem && a.kind != OpKind::kAddr) continue;
      if (a.name == AddrName::kParam) {
        p.fp_args.push_back(a.local);
        a.offset += deltasp_ + 8;
      } else if (a.name == AddrName::kAuto) {
        a.offset += deltasp_ - bpsize_;
      }
    }
  }

  void Body(const Prog& src) {
    Prog p = src;
    // MOVQ/MOVL $addr, r is LEAQ/LEAL addr, r (obj6.go progedit).
    if ((p.op == "MOVQ" || p.op == "MOVL") && p.args.size() == 2 && p.args[0].kind == OpKind::kAddr) {
      p.op = p.op == "MOVQ" ? "LEAQ" : "LEAL";
      p.args[0].kind = OpKind::kMem;
    }
    // Under the 1-instruction TLS model off(r)(TLS*1) is simply off(TLS) (obj6.go progedit).
    for (Operand& a : p.args) {
      if (!tls_.one_instruction || !a.index_tls) continue;
      a.index_tls = false;
      a.tls = true;
      a.base = ZYDIS_REGISTER_NONE;
      a.scale = 0;
    }
    Rewrite(p);
    if (p.op == "PUSHQ" || p.op == "PUSHFQ") p.spadj = 8;
    if (p.op == "POPQ" || p.op == "POPFQ") p.spadj = -8;
    if (p.op == "PUSHW") p.spadj = 2;
    if (p.op == "POPW") p.spadj = -2;
    deltasp_ += p.spadj;
    if (p.op != "RET") {
      out_.progs.push_back(std::move(p));
      return;
    }
    if (deltasp_ != autoffset_) {
      diags_.Error(p.loc, fmt::format("unbalanced PUSH/POP in {}: {} byte(s) still pushed at RET", fn_.decl.name,
                                      deltasp_ - autoffset_), p.source);
    }
    SourceLoc ret_loc = p.loc;
    loc_override_ = &ret_loc;
    if (autoffset_ != 0) {
      if (bpsize_ > 0) Emit("MOVQ", {MemOp(ZYDIS_REGISTER_RSP, autoffset_ - bpsize_), RegOp(ZYDIS_REGISTER_RBP)});
      AdjustSp(-autoffset_);
      p.spadj = static_cast<int32_t>(autoffset_);  // code after the RET still has the frame
    }
    loc_override_ = nullptr;
    if (!p.args.empty()) p.op = "JMP";  // RET sym: tail call after the teardown
    out_.progs.push_back(std::move(p));
  }

  const Function& fn_;
  const GoVersionTraits& traits_;
  const TlsModel& tls_;
  DiagSink& diags_;
  FramedFunction out_;
  int64_t autoffset_ = 0;
  int64_t bpsize_ = 0;
  int64_t deltasp_ = 0;
  int extra_stub_branch_ = -1;  // huge frames: the JEQ (1.13) or JCS (1.19) that also goes to the stub
  const SourceLoc* loc_override_ = nullptr;
};

}  // namespace

FramedFunction BuildFrame(const Function& fn, const AssembleOptions& options, DiagSink& diags) {
  return FrameBuilder(fn, options, diags).Build();
}

}  // namespace goemu::isa
